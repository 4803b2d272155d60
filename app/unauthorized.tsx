import Link from 'next/link';

/** Shown with status 401 when a session ended while the page was open (pages otherwise redirect to /sign-in). */
export default function Unauthorized() {
  return (
    <main className="sign-in" id="content">
      <div className="sign-in-card card">
        <h1>Signed out</h1>
        <p>Your session has ended.</p>
        <p>
          <Link href="/sign-in">Sign in again</Link>
        </p>
      </div>
    </main>
  );
}
