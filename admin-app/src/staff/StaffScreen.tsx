import { z } from 'zod';
import { type StaffCreate, type StaffDto, StaffDtoSchema, type StaffRole } from '@hiorder/domain/identity/identity.schemas';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { useState } from 'react';
import { useAdmin } from '../shared/app-context';
import { useLoad } from '../shared/hooks';
import { useI18n } from '../shared/i18n';
import { commandRunner, Modal, useToast } from '../shared/ui';

/** Staff accounts of the store (admin): create, reset a password, disable. */
export function StaffScreen() {
  const { t } = useI18n();
  const { api, session } = useAdmin();
  const [staff, reload] = useLoad(() => api.get('/api/staff', z.array(StaffDtoSchema)), []);
  const [creating, setCreating] = useState<StaffCreate | null>(null);
  const [resetting, setResetting] = useState<{ staff: StaffDto; password: string } | null>(null);
  const [, toast, toastNode] = useToast();

  const attempt = commandRunner({ reload, toast, saved: t('saved') });

  if (staff.state === 'loading') return <div className="empty">…</div>;
  if (staff.state === 'failed') return <div className="empty">{staff.message}</div>;
  const roleLabel = (r: StaffRole) => t(r === 'admin' ? 'roleAdmin' : 'roleStaff');

  return (
    <>
      <div className="page-head">
        <h1>{t('staffAccounts')}</h1>
        <button className="btn btn-primary" onClick={() => setCreating({ username: '', displayName: '', password: '', role: 'staff' })}>
          + {t('newStaff')}
        </button>
      </div>
      <div className="panel">
        <table className="data">
          <thead>
            <tr>
              <th>{t('displayName')}</th>
              <th>{t('username')}</th>
              <th>{t('role')}</th>
              <th>
                <span className="sr-only">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {staff.data.map((s) => (
              <tr key={s.id} style={s.disabled ? { opacity: 0.55 } : undefined}>
                <td style={{ fontWeight: 700 }}>
                  {s.displayName} {s.disabled && <span className="pill pill-hidden">{t('disabled')}</span>}
                </td>
                <td className="code">{s.username}</td>
                <td>
                  <span className={s.role === 'admin' ? 'pill pill-paid' : 'pill pill-accepted'}>{roleLabel(s.role)}</span>
                </td>
                <td>
                  <div className="row-actions">
                    <button className="btn btn-sm" onClick={() => setResetting({ staff: s, password: '' })}>
                      {t('resetPassword')}
                    </button>
                    <button
                      className={s.disabled ? 'btn btn-sm' : 'btn btn-sm btn-danger'}
                      disabled={s.id === session.staff.id}
                      onClick={() => void attempt(() => api.patch(`/api/staff/${s.id}`, { disabled: !s.disabled }))}
                    >
                      {s.disabled ? t('enable') : t('disable')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {creating && (
        <Modal
          title={t('newStaff')}
          onClose={() => setCreating(null)}
          footer={
            <button
              className="btn btn-primary"
              disabled={
                creating.username.trim().length < 2 ||
                creating.displayName.trim() === '' ||
                creating.password.length < LIMITS.minPasswordLength
              }
              onClick={() =>
                void attempt(
                  () => api.post('/api/staff', { ...creating, username: creating.username.trim().toLowerCase() }),
                  () => setCreating(null),
                )
              }
            >
              {t('create')}
            </button>
          }
        >
          <label className="field">
            {t('displayName')}
            <input value={creating.displayName} onChange={(e) => setCreating({ ...creating, displayName: e.target.value })} autoFocus />
          </label>
          <label className="field">
            {t('username')}
            <input value={creating.username} autoComplete="off" onChange={(e) => setCreating({ ...creating, username: e.target.value })} />
          </label>
          <label className="field">
            {t('newPassword')}
            <input
              type="password"
              autoComplete="new-password"
              value={creating.password}
              onChange={(e) => setCreating({ ...creating, password: e.target.value })}
            />
          </label>
          <label className="field">
            {t('role')}
            <select
              value={creating.role}
              onChange={(e) => setCreating({ ...creating, role: e.target.value === 'admin' ? 'admin' : 'staff' })}
            >
              <option value="staff">{t('roleStaff')}</option>
              <option value="admin">{t('roleAdmin')}</option>
            </select>
          </label>
        </Modal>
      )}
      {resetting && (
        <Modal
          title={`${t('resetPassword')} · ${resetting.staff.displayName}`}
          onClose={() => setResetting(null)}
          footer={
            <button
              className="btn btn-primary"
              disabled={resetting.password.length < LIMITS.minPasswordLength}
              onClick={() =>
                void attempt(
                  () => api.patch(`/api/staff/${resetting.staff.id}`, { password: resetting.password }),
                  () => setResetting(null),
                )
              }
            >
              {t('save')}
            </button>
          }
        >
          <label className="field">
            {t('newPassword')}
            <input
              type="password"
              autoComplete="new-password"
              value={resetting.password}
              onChange={(e) => setResetting({ ...resetting, password: e.target.value })}
              autoFocus
            />
          </label>
        </Modal>
      )}
      {toastNode}
    </>
  );
}
