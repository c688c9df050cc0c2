import { TestApi, startApi } from './support/api';
import { expectProblem } from './support/problems';

/**
 * The delegation ceiling (product.md, "Delegation"), replayed as the review's attacker inside the
 * demo would: every probe that once handed out power above the caller's own is refused, the grants
 * a board needs still work, and nothing refused leaves a row behind.
 */
describe('delegation: power is handed downwards only, never to oneself', () => {
  let api: TestApi;
  let C: Record<string, string>;
  const ids: Record<string, string> = {};
  const as = async (username: string) => api.login(username);
  const grant = async (username: string, userId: string, code: string, role: string) =>
    api
      .http()
      .post('/api/v1/role-assignments')
      .set('authorization', await as(username))
      .send({ userId, committeeId: C[code], role });
  const createUser = async (username: string, newName: string, code: string, role: string) =>
    api
      .http()
      .post('/api/v1/users')
      .set('authorization', await as(username))
      .send({ username: newName, displayName: 'Tài khoản thử', password: 'Mat-khau-2025', committeeId: C[code], role });
  const assignmentOf = async (username: string, role: string) =>
    (
      await api.db.query(
        `SELECT ra.id FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id WHERE u.username = $1 AND ra.role = $2 AND ra.revoked_at IS NULL`,
        [username, role],
      )
    ).rows[0].id as string;
  /** `username` revokes the live assignment of `role` held by `holder`. */
  const revoke = async (username: string, holder: string, role: string) =>
    api
      .http()
      .post(`/api/v1/role-assignments/${await assignmentOf(holder, role)}/revoke`)
      .set('authorization', await as(username));
  const patchUser = async (username: string, id: string, body: Record<string, unknown>) => {
    const version = (await api.db.query(`SELECT version FROM app_user WHERE id = $1`, [id])).rows[0].version;
    return api
      .http()
      .patch(`/api/v1/users/${id}`)
      .set('authorization', await as(username))
      .send({ version, ...body });
  };
  const counts = async () =>
    (await api.db.query(`SELECT (SELECT count(*) FROM role_assignment)::int AS assignments, (SELECT count(*) FROM app_user)::int AS users`))
      .rows[0];

  beforeAll(async () => {
    api = await startApi();
    C = api.committees;
    for (const { username, id } of (await api.db.query(`SELECT username, id FROM app_user`)).rows) ids[username] = id;
  });
  afterAll(() => api.close());

  describe("refused: the review's probes", () => {
    let before: { assignments: number; users: number };
    beforeAll(async () => {
      before = await counts();
    });
    afterAll(async () => {
      // Nothing refused is half-written.
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['auditor at its own committee', 'TH', 'auditor'],
      ['secretary at its own committee', 'TH', 'secretary'],
      ['admin at a committee below', 'TH-NS', 'admin'],
      ['viewer at its own committee', 'TH', 'viewer'],
    ])('admin.th cannot give itself %s (403)', async (_, code, role) => {
      expectProblem(await grant('admin.th', ids['admin.th'], code, role), 403, 'forbidden');
    });

    it('admin.th cannot create an auditor or a secretary of TH, nor an admin of TH (403)', async () => {
      expectProblem(await createUser('admin.th', 'auditor.th', 'TH', 'auditor'), 403, 'forbidden');
      expectProblem(await createUser('admin.th', 'secretary.th2', 'TH', 'secretary'), 403, 'forbidden');
      expectProblem(await createUser('admin.th', 'admin.th2', 'TH', 'admin'), 403, 'forbidden');
      expectProblem(await grant('admin.th', ids['officer.th'], 'TH', 'admin'), 403, 'forbidden');
    });

    it('the operator cannot give itself auditor at TW, nor any reading role to anyone (403)', async () => {
      expectProblem(await grant('operator', ids.operator, 'TW', 'auditor'), 403, 'forbidden');
      expectProblem(await grant('operator', ids['admin.th'], 'TH', 'viewer'), 403, 'forbidden');
      expectProblem(await grant('operator', ids['admin.th'], 'TH', 'officer'), 403, 'forbidden');
      expectProblem(await createUser('operator', 'voter.tw', 'TW', 'voter'), 403, 'forbidden');
    });

    it('an operator account holds nothing else, and a board member does not become an operator (409)', async () => {
      const other = await createUser('operator', 'operator.2', 'TW', 'operator');
      expect(other.status).toBe(201);
      expectProblem(await grant('operator', other.body.id, 'TW', 'auditor'), 409, 'operator-account');
      expectProblem(await grant('operator', ids['admin.th'], 'TW', 'operator'), 409, 'operator-account');
      // The account made above is this block's one allowed write; take it out of the count.
      await api.db.query(`UPDATE role_assignment SET revoked_at = now() WHERE user_id = $1`, [other.body.id]);
      before = { assignments: before.assignments + 1, users: before.users + 1 };
    });

    it('the audited do not choose their auditors: admin.ns cannot create an auditor of TH-NS (403)', async () => {
      expectProblem(await createUser('admin.ns', 'auditor.ns', 'TH-NS', 'auditor'), 403, 'forbidden');
      expectProblem(await grant('admin.ns', ids['admin.ns'], 'TH-NS', 'auditor'), 403, 'forbidden');
    });

    it('a committee the caller cannot see is 404, one it sees but may not grant at is 403', async () => {
      expectProblem(await grant('admin.hn', ids['admin.hn'], 'TH', 'viewer'), 404, 'not-found');
      expectProblem(await createUser('admin.ns', 'viewer.th', 'TH', 'viewer'), 404, 'not-found');
      expectProblem(await grant('secretary.th', ids['officer.th'], 'TH', 'secretary'), 403, 'forbidden');
      expectProblem(await grant('officer.th', ids['voter.th.1'], 'TH-NS', 'viewer'), 403, 'forbidden');
    });

    it('nobody revokes their own role, nor one above their reach', async () => {
      expectProblem(await revoke('admin.th', 'admin.th', 'admin'), 403, 'forbidden');
      expectProblem(await revoke('admin.th', 'secretary.th', 'secretary'), 403, 'forbidden');
      expectProblem(await revoke('admin.ns', 'admin.ns', 'admin'), 403, 'forbidden');
      expectProblem(await revoke('admin.ns', 'admin.th', 'admin'), 404, 'not-found');
      expectProblem(await revoke('operator', 'operator', 'operator'), 403, 'forbidden');
    });
  });

  describe('PATCH /users/:id: editing an account is power over every role it holds', () => {
    it('admin.tw can neither disable the operator nor redirect its e-mail', async () => {
      expectProblem(await patchUser('admin.tw', ids.operator, { status: 'disabled' }), 403, 'forbidden');
      expectProblem(await patchUser('admin.tw', ids.operator, { email: 'attacker@example.org' }), 403, 'forbidden');
      expect((await api.db.query(`SELECT status, email FROM app_user WHERE id = $1`, [ids.operator])).rows[0]).toEqual({
        status: 'active',
        email: null,
      });
    });

    it('an account with roles in TH-NS and TH-TX is edited from above both, not by admin.ns', async () => {
      const created = await createUser('admin.th', 'admin.ns-tx', 'TH-NS', 'admin');
      expect(created.status).toBe(201);
      expect((await grant('admin.th', created.body.id, 'TH-TX', 'admin')).status).toBe(201);
      expectProblem(await patchUser('admin.ns', created.body.id, { status: 'disabled' }), 403, 'forbidden');
      const disabled = await patchUser('admin.th', created.body.id, { status: 'disabled' });
      expect(disabled.status).toBe(200);
      expect(disabled.body.status).toBe('disabled');
    });

    it("an officer of TH-NS who is also an officer of TH-TX is not admin.ns's to edit (the other branch is out of its sight)", async () => {
      const created = await createUser('admin.th', 'officer.ns-tx', 'TH-NS', 'officer');
      expect(created.status).toBe(201);
      expect((await grant('admin.th', created.body.id, 'TH-TX', 'officer')).status).toBe(201);
      expectProblem(await patchUser('admin.ns', created.body.id, { email: 'redirected@example.org' }), 403, 'forbidden');
      expect((await patchUser('admin.th', created.body.id, { email: 'officer.ns-tx@canbo.local' })).status).toBe(200);
    });

    it('admin.ns edits an account whose only role it could revoke', async () => {
      const own = await createUser('admin.ns', 'officer.ns.1', 'TH-NS', 'officer');
      expect(own.status).toBe(201);
      const renamed = await patchUser('admin.ns', own.body.id, { displayName: 'Nguyễn Thị Mai' });
      expect(renamed.status).toBe(200);
    });

    it('nobody edits their own status or e-mail there', async () => {
      expectProblem(await patchUser('admin.th', ids['admin.th'], { email: 'me@example.org' }), 403, 'forbidden');
      expectProblem(await patchUser('operator', ids.operator, { status: 'disabled' }), 403, 'forbidden');
    });

    it('an operator account is administered by another operator, and is invisible to boards', async () => {
      const other = await createUser('operator', 'operator.3', 'TW', 'operator');
      expect(other.status).toBe(201);
      expect((await patchUser('operator', other.body.id, { displayName: 'Vận hành 3' })).status).toBe(200);
      expectProblem(await patchUser('admin.th', other.body.id, { displayName: 'X' }), 404, 'not-found');
    });
  });

  describe('allowed: what the boards need still works', () => {
    it('admin.th grants officer at TH-NS to another user, and admin at TH-NS', async () => {
      const officer = await grant('admin.th', ids['voter.th.2'], 'TH-NS', 'officer');
      expect(officer.status).toBe(201);
      expect(officer.body).toMatchObject({ role: 'officer', committeeCode: 'TH-NS', userId: ids['voter.th.2'] });
      expect((await grant('admin.th', ids['officer.th'], 'TH-NS', 'admin')).status).toBe(201);
      expect((await grant('admin.th', ids['voter.th.3'], 'TH-NS', 'auditor')).status).toBe(201);
    });

    it('secretary.th appoints a secretary below it; the operator creates a committee and its first admin', async () => {
      expect((await createUser('secretary.th', 'secretary.ns', 'TH-NS', 'secretary')).status).toBe(201);
      const committee = await api
        .http()
        .post('/api/v1/committees')
        .set('authorization', await as('operator'))
        .send({ code: 'DN', name: 'Thành ủy Đà Nẵng', level: 'provincial', parentId: C.TW });
      expect(committee.status).toBe(201);
      C.DN = committee.body.id;
      const first = await createUser('operator', 'admin.dn', 'DN', 'admin');
      expect(first.status).toBe(201);
      const events = (await api.db.query(`SELECT action, entity_type FROM audit_event WHERE committee_id = $1 ORDER BY seq`, [C.DN])).rows;
      expect(events).toEqual(
        expect.arrayContaining([
          { action: 'create', entity_type: 'User' },
          { action: 'grant', entity_type: 'RoleAssignment' },
        ]),
      );
    });
  });
});
