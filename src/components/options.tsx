/** Option lists shared by the filters of the table and the chart. */
import { ENTITY_KINDS, KIND_LABEL, ROLE_LABEL, type Role } from '../domain/model';

export function KindOptions({ all = 'All kinds' }: { all?: string }) {
  return (
    <>
      <option value="">{all}</option>
      {ENTITY_KINDS.map((k) => (
        <option key={k} value={k}>
          {KIND_LABEL[k]}
        </option>
      ))}
    </>
  );
}

export function RoleOptions({ roles, all = 'All roles' }: { roles: readonly Role[]; all?: string }) {
  return (
    <>
      <option value="">{all}</option>
      {roles.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABEL[r]}
        </option>
      ))}
    </>
  );
}
