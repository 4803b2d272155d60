import { formatUsd } from '@/lib/format';

/**
 * A USD amount for the screen, rounded by formatUsd, with the exact decimal string kept in data-usd
 * (tests and anyone inspecting the page read every digit; "" when unknown, shown as "—").
 */
export function Usd({ value, decimals, signed }: { value: string | null; decimals?: number; signed?: boolean }) {
  const text = formatUsd(value, { decimals });
  const plus = signed && value !== null && !value.startsWith('-') && !/^0(\.0*)?$/.test(value) ? '+' : '';
  return (
    <span className="num" data-usd={value ?? ''}>
      {plus}
      {text}
    </span>
  );
}
