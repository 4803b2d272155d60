import type { Metadata } from 'next';
import { requirePage } from '@/lib/auth/guard';
import { ROLE_SUMMARY, ROLES } from '@/lib/auth/policy';
import { authDisabled } from '@/lib/auth/settings';
import { listUsers } from '@/lib/auth/users';
import { formatDateTime } from '@/lib/format';
import { openPageConnection } from '../../_components/connection';
import { DatabaseUnavailable } from '../../_components/database-unavailable';
import { CreateUserForm } from './create-user-form';
import { UserControls } from './user-controls';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  await requirePage('/settings/users');
  const c = await openPageConnection();
  if (!c.ok) return <DatabaseUnavailable message={c.message} />;
  const users = await listUsers(c.conn);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Users</h1>
          <p>
            Who may sign in, and with which role. Nobody can sign up: users are added here or with <code>itemized users create</code>.
            Disabling a user ends their sessions at once. The last enabled admin can be neither demoted nor disabled. Every change is in the
            audit log.
          </p>
          <ul className="small muted">
            {ROLES.map((r) => (
              <li key={r}>
                <strong>{r}</strong>: {ROLE_SUMMARY[r]}
              </li>
            ))}
          </ul>
        </div>
      </div>
      {authDisabled() ? (
        <div className="notice notice-warn" role="status">
          Sign-in is off (demo mode): these users take effect when the server runs with sign-in on.
        </div>
      ) : null}
      <CreateUserForm />
      <section className="card" aria-labelledby="users-title">
        <div className="card-head">
          <h2 id="users-title">Users</h2>
        </div>
        {users.length === 0 ? (
          <div className="empty-block" role="status">
            <p>
              <strong>No users yet.</strong> Add the first admin above, or from the server&apos;s shell:{' '}
              <code>itemized users create --email you@example.com --role admin</code>
            </p>
          </div>
        ) : (
          <div className="table-wrap">
            <table aria-label="Users">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Added</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.email}>
                    <td>
                      <strong>{u.email}</strong>
                    </td>
                    <td>{u.name}</td>
                    <td>
                      {u.disabled ? <span className="badge badge-bad">disabled</span> : <span className="badge badge-ok">enabled</span>}
                    </td>
                    <td>{formatDateTime(u.createdAt)}</td>
                    <td>
                      <UserControls email={u.email} role={u.role} disabled={u.disabled} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
