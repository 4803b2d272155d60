import { CardSkeleton, KpiSkeleton } from './_components/skeletons';

export default function DashboardLoading() {
  return (
    <>
      <div className="skeleton" style={{ height: 24, width: 220 }} />
      <KpiSkeleton />
      <CardSkeleton label="page" height={300} />
    </>
  );
}
