/** On every page in demo mode: nobody is asked to sign in, so say so plainly. */
export function DemoBanner() {
  return (
    <div className="demo-banner" role="status">
      <strong>Sign-in is off</strong> (demo mode, localhost only): everyone who can open this page is an admin. Unset ITEMIZED_AUTH and
      create users with <code>itemized users create</code> before sharing it.
    </div>
  );
}
