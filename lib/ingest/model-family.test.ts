import { describe, expect, test } from 'vitest';
import { modelFamily, stripResellerSyntax } from './model-family';

describe('modelFamily', () => {
  // Model strings as the samples in ../shared/samples and FORMATS.md spell them, per channel.
  test.each([
    // OpenAI direct: dated snapshots join their alias.
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4o', 'gpt-4o'],
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['gpt-4.1-2025-04-14', 'gpt-4.1'],
    ['gpt-5-mini-2025-08-07', 'gpt-5-mini'],
    ['gpt-4.1-nano-2025-04-14', 'gpt-4.1-nano'],
    // OpenRouter: "author/model", dots for dashes, routing variants.
    ['openai/gpt-4.1-2025-04-14', 'gpt-4.1'],
    ['openai/gpt-4o:free', 'gpt-4o'],
    ['anthropic/claude-3.5-sonnet', 'claude-3-5-sonnet'],
    ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5'],
    ['anthropic/claude-sonnet-4', 'claude-sonnet-4-0'],
    // Anthropic direct.
    ['claude-3-5-sonnet-20241022', 'claude-3-5-sonnet'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
    // Bedrock: inference profiles, maker prefix, version suffix, ARNs.
    ['us.anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet'],
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    // Vertex and LiteLLM routes.
    ['claude-3-5-sonnet-v2@20241022', 'claude-3-5-sonnet'],
    ['bedrock/us.anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet'],
    ['azure/gpt-4o-2024-08-06', 'gpt-4o'],
    ['gemini-2.0-flash', 'gemini-2.0-flash'],
  ])('%s → %s', (raw, family) => {
    expect(modelFamily(raw)?.family).toBe(family);
  });

  test('the same model through four channels is one family', () => {
    const ids = ['gpt-4o-2024-08-06', 'openai/gpt-4o', 'azure/gpt-4o', 'openai/gpt-4o-2024-08-06'].map((m) => modelFamily(m)?.family);
    expect(new Set(ids)).toEqual(new Set(['gpt-4o']));
    const claude = [
      'claude-3-5-sonnet-20241022',
      'anthropic/claude-3.5-sonnet',
      'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
      'claude-3.5-sonnet',
    ].map((m) => modelFamily(m)?.family);
    expect(new Set(claude)).toEqual(new Set(['claude-3-5-sonnet']));
  });

  test('a snapshot priced apart stays its own family', () => {
    expect(modelFamily('gpt-4o-2024-05-13')?.family).not.toBe('gpt-4o');
  });

  test('the catalog name and provider are kept; unknown models stay as given', () => {
    expect(modelFamily('claude-3-5-sonnet-20241022')).toEqual({
      family: 'claude-3-5-sonnet',
      name: 'Claude Sonnet 3.5',
      catalog: 'anthropic',
    });
    expect(modelFamily('sao10k/l3-stheno-8b')).toEqual({ family: 'l3-stheno-8b', name: 'l3-stheno-8b', catalog: null });
    expect(modelFamily('acme-internal-7b-2025-01-01')).toEqual({ family: 'acme-internal-7b', name: 'acme-internal-7b', catalog: null });
    // One catalog entry covers o4-mini and o4-mini-high under the name "o4 Mini High": the id names the family.
    expect(modelFamily('o4-mini-2025-04-16')).toEqual({ family: 'o4-mini', name: 'o4-mini', catalog: 'openai' });
    expect(modelFamily(null)).toBeNull();
    expect(modelFamily('')).toBeNull();
  });

  test('reseller syntax names the maker', () => {
    expect(stripResellerSyntax('us.anthropic.claude-3-haiku-20240307-v1:0')).toEqual({
      id: 'claude-3-haiku-20240307',
      creatorHint: 'anthropic',
    });
    expect(stripResellerSyntax('meta-llama/llama-3.1-8b-instruct:free')).toEqual({ id: 'llama-3.1-8b-instruct', creatorHint: 'meta' });
    expect(stripResellerSyntax('GPT-4o')).toEqual({ id: 'gpt-4o', creatorHint: null });
  });
});
