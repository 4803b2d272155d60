/** Every money figure says which kind it is (DESIGN.md: billed, reported and list never mix). */
const KINDS = {
  list: { label: 'List price', title: 'Computed by Itemized from the price catalog at the time of use' },
  billed: { label: 'Billed', title: 'What vendors invoiced, from cost exports' },
} as const;

export function MoneyKind({ kind }: { kind: keyof typeof KINDS }) {
  return (
    <span className={`badge badge-${kind}`} title={KINDS[kind].title}>
      {KINDS[kind].label}
    </span>
  );
}
