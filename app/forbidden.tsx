import Link from 'next/link';

/** Shown with status 403 when a signed-in user opens a page their role does not include. */
export default function Forbidden() {
  return (
    <main className="sign-in" id="content">
      <div className="sign-in-card card">
        <h1>Not for your role</h1>
        <p>This page needs another role. Ask an Itemized admin if you need it.</p>
        <p>
          <Link href="/">Back to the overview</Link>
        </p>
      </div>
    </main>
  );
}
