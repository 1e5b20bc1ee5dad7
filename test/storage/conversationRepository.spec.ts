import assert from 'node:assert/strict';
import type { ConversationAccount, ConversationReference } from 'botbuilder';
import { DomainError } from '../../src/domain/errors';
import { ConversationRepository, referenceHash } from '../../src/storage/conversationRepository';
import { ConflictError, NotFoundError, StorageError } from '../../src/storage/errors';
import { openTables, type Tables } from '../../src/storage/tables';
import { UserRepository } from '../../src/storage/userRepository';
import { testAzurite } from '../helpers/azurite';
import { newTenantId } from '../helpers/ids';

const now = new Date('2026-03-02T09:00:00Z');
const later = new Date('2026-03-03T09:00:00Z');
const anna = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const serviceUrl = 'https://smba.trafficmanager.net/emea/';

function reference(
  tenantId: string,
  conversation: { id: string; conversationType?: string; isGroup?: boolean },
  overrides: Partial<ConversationReference> = {},
): Partial<ConversationReference> {
  return {
    activityId: 'f:123',
    channelId: 'msteams',
    serviceUrl,
    bot: { id: '28:bot-app-id', name: 'Revisionsuppföljning' },
    user: { id: '29:user', name: 'Anna Andersson', aadObjectId: anna },
    // botbuilder types conversationType as always present; the Emulator sends none, so a test may leave it out.
    conversation: {
      ...conversation,
      tenantId,
      isGroup: conversation.isGroup ?? false,
      name: '',
    } as ConversationAccount,
    ...overrides,
  };
}

function isInvalidValue(error: unknown): boolean {
  assert.ok(error instanceof DomainError);
  assert.equal(error.code, 'InvalidValue');
  return true;
}

describe('ConversationRepository (Azurite)', () => {
  let tables: Tables;
  let repo: ConversationRepository;
  let tenant: string;

  before(async () => {
    tables = await openTables((await testAzurite()).connectionString);
    repo = new ConversationRepository(tables.conversations);
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  it('stores a personal chat and finds it by the user', async () => {
    const ref = reference(tenant, { id: 'a:1personal', conversationType: 'personal' });
    const stored = await repo.upsertConversation(tenant, ref, { userAadObjectId: anna, now });
    assert.equal(stored.conversationId, 'a:1personal');
    assert.equal(stored.conversationType, 'personal');
    assert.equal(stored.serviceUrl, serviceUrl);
    assert.equal(stored.active, true);
    assert.equal(stored.inactiveReason, null);
    assert.equal(stored.updatedAt, now.toISOString());
    assert.deepEqual(stored.reference, ref);
    assert.deepEqual(await repo.getConversation(tenant, 'a:1personal'), stored);
    assert.deepEqual(await repo.findPersonalConversation(tenant, anna.toUpperCase()), stored);
  });

  it('indexes the user from the reference when no user id is given', async () => {
    await repo.upsertConversation(tenant, reference(tenant, { id: 'a:2', conversationType: 'personal' }), {
      now,
    });
    assert.equal((await repo.findPersonalConversation(tenant, anna))?.conversationId, 'a:2');
  });

  it('does not index a user for group chats and channels', async () => {
    const channel = reference(tenant, {
      id: '19:general@thread.tacv2',
      conversationType: 'channel',
      isGroup: true,
    });
    await repo.upsertConversation(tenant, channel, { userAadObjectId: anna, now });
    await repo.upsertConversation(
      tenant,
      reference(tenant, { id: '19:chat@thread.v2', conversationType: 'groupChat', isGroup: true }),
      { userAadObjectId: anna, now },
    );
    assert.equal(await repo.findPersonalConversation(tenant, anna), null);
    assert.equal((await repo.getConversation(tenant, '19:general@thread.tacv2')).conversationType, 'channel');
  });

  it('infers the type when the Emulator sends none', async () => {
    const personal = reference(tenant, { id: 'emulator-1' });
    const group = reference(tenant, { id: 'emulator-2', isGroup: true });
    assert.equal((await repo.upsertConversation(tenant, personal, { now })).conversationType, 'personal');
    assert.equal((await repo.upsertConversation(tenant, group, { now })).conversationType, 'groupChat');
  });

  it('refreshes the serviceUrl and reactivates an inactive conversation', async () => {
    const ref = reference(tenant, { id: 'a:1', conversationType: 'personal' });
    const first = await repo.upsertConversation(tenant, ref, { userAadObjectId: anna, now });
    await repo.markInactive(tenant, 'a:1', 'ConversationBlockedByUser', first.etag);
    const inactive = await repo.getConversation(tenant, 'a:1');
    assert.equal(inactive.active, false);
    assert.equal(inactive.inactiveReason, 'ConversationBlockedByUser');
    assert.deepEqual(inactive.reference, ref, 'the reference is kept');
    const moved = { ...ref, serviceUrl: 'https://smba.trafficmanager.net/se/' };
    const again = await repo.upsertConversation(tenant, moved, { userAadObjectId: anna, now: later });
    assert.equal(again.active, true);
    assert.equal(again.inactiveReason, null);
    assert.equal(again.serviceUrl, 'https://smba.trafficmanager.net/se/');
    assert.equal(
      (await repo.findPersonalConversation(tenant, anna))?.serviceUrl,
      'https://smba.trafficmanager.net/se/',
    );
  });

  it('rejects marking inactive with a stale ETag and overwrites nothing', async () => {
    const ref = reference(tenant, { id: 'a:1', conversationType: 'personal' });
    const read = await repo.upsertConversation(tenant, ref, { userAadObjectId: anna, now });
    // The user writes again (a refresh) after the failed send read the row.
    const refreshed = await repo.upsertConversation(tenant, ref, { userAadObjectId: anna, now: later });
    await assert.rejects(
      repo.markInactive(tenant, 'a:1', 'BotNotInConversationRoster', read.etag),
      ConflictError,
    );
    assert.deepEqual(await repo.getConversation(tenant, 'a:1'), refreshed);
  });

  it('marks inactive without an ETag, returning the new ETag', async () => {
    await repo.upsertConversation(tenant, reference(tenant, { id: 'a:1', conversationType: 'personal' }), {
      now,
    });
    const etag = await repo.markInactive(tenant, 'a:1', 'ConversationNotFound', undefined, { now: later });
    const stored = await repo.getConversation(tenant, 'a:1');
    assert.equal(stored.etag, etag);
    assert.equal(stored.active, false);
    assert.equal(stored.updatedAt, later.toISOString());
  });

  it('answers unknown conversations and users with NotFoundError or null', async () => {
    await assert.rejects(repo.getConversation(tenant, 'a:nope'), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.match(error.message, /a:nope/);
      return true;
    });
    await assert.rejects(repo.markInactive(tenant, 'a:nope', 'x'), NotFoundError);
    assert.equal(await repo.findPersonalConversation(tenant, anna), null);
    // markInactive must not create a row for a conversation it did not know.
    assert.deepEqual(await repo.listConversations(tenant), []);
  });

  it('lists conversations by type and activity', async () => {
    const a = await repo.upsertConversation(
      tenant,
      reference(tenant, { id: 'a:1', conversationType: 'personal' }),
      {
        now,
      },
    );
    await repo.upsertConversation(
      tenant,
      reference(tenant, { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true }),
      { now },
    );
    await repo.upsertConversation(
      tenant,
      reference(tenant, { id: 'a:2', conversationType: 'personal' }, { user: { id: '29:bo', name: 'Bo' } }),
      { now },
    );
    await repo.markInactive(tenant, 'a:1', 'ConversationBlockedByUser', a.etag);
    const ids = async (options: Parameters<ConversationRepository['listConversations']>[1]) =>
      (await repo.listConversations(tenant, options)).map((c) => c.conversationId);
    assert.deepEqual(await ids({}), ['19:general@thread.tacv2', 'a:1', 'a:2']);
    assert.deepEqual(await ids({ type: 'personal' }), ['a:1', 'a:2']);
    assert.deepEqual(await ids({ activeOnly: true }), ['19:general@thread.tacv2', 'a:2']);
    assert.deepEqual(await ids({ type: 'personal', activeOnly: true }), ['a:2']);
    assert.deepEqual(await ids({ type: 'groupChat' }), []);
  });

  it("refuses a type filter that is not a known type (' or a non-string)", async () => {
    for (const type of ["personal' or conversationType ne '", 'meeting', '', 1, ['personal']]) {
      await assert.rejects(repo.listConversations(tenant, { type: type as 'personal' }), isInvalidValue);
    }
  });

  it("keeps tenants apart: tenant B reads nothing of tenant A's conversations", async () => {
    const other = newTenantId();
    await repo.upsertConversation(tenant, reference(tenant, { id: 'a:1', conversationType: 'personal' }), {
      userAadObjectId: anna,
      now,
    });
    await assert.rejects(repo.getConversation(other, 'a:1'), NotFoundError);
    assert.equal(await repo.findPersonalConversation(other, anna), null);
    assert.deepEqual(await repo.listConversations(other), []);
    await assert.rejects(repo.markInactive(other, 'a:1', 'x'), NotFoundError);
    assert.equal((await repo.getConversation(tenant, 'a:1')).active, true);
  });

  it('refuses a reference that belongs to another tenant', async () => {
    const foreign = reference(newTenantId(), { id: 'a:1', conversationType: 'personal' });
    await assert.rejects(repo.upsertConversation(tenant, foreign, { now }), isInvalidValue);
    assert.deepEqual(await repo.listConversations(tenant), []);
  });

  it("round-trips conversation ids with : @ ; = / \\ # ? % ' and control characters", async () => {
    const ids = [
      '19:abc@thread.tacv2;messageid=1712345678901',
      'a/b\\c#d?e%2Ff',
      "o'brien:chat",
      'ctl\u0001\u001f\u007f',
    ];
    for (const id of ids) {
      await repo.upsertConversation(
        tenant,
        reference(tenant, { id, conversationType: 'groupChat', isGroup: true }),
        {
          now,
        },
      );
    }
    for (const id of ids) assert.equal((await repo.getConversation(tenant, id)).conversationId, id);
    assert.deepEqual(
      (await repo.listConversations(tenant)).map((c) => c.conversationId).sort(),
      [...ids].sort(),
    );
    await repo.upsertConversation(tenant, reference(tenant, { id: 'a/b', conversationType: 'personal' }), {
      userAadObjectId: anna,
      now,
    });
    assert.equal((await repo.findPersonalConversation(tenant, anna))?.conversationId, 'a/b');
    await assert.rejects(repo.getConversation(tenant, 'a%2Fb'), NotFoundError);
  });

  it('refuses a serviceUrl that is not an absolute http(s) URL, writing nothing', async () => {
    for (const bad of [
      '',
      'smba.trafficmanager.net/emea',
      '/v3/conversations',
      'ftp://host/x',
      'javascript:alert(1)',
      'file:///etc/passwd',
      42,
      undefined,
    ]) {
      const ref = reference(
        tenant,
        { id: 'a:1', conversationType: 'personal' },
        { serviceUrl: bad as string },
      );
      await assert.rejects(
        repo.upsertConversation(tenant, ref, { userAadObjectId: anna, now }),
        isInvalidValue,
      );
    }
    assert.deepEqual(await repo.listConversations(tenant), []);
    assert.equal(await repo.findPersonalConversation(tenant, anna), null);
  });

  it('refuses a reference without conversation id or with an unknown type', async () => {
    await assert.rejects(
      repo.upsertConversation(tenant, { serviceUrl, conversation: undefined }, { now }),
      isInvalidValue,
    );
    await assert.rejects(
      repo.upsertConversation(tenant, reference(tenant, { id: 'a:1', conversationType: 'meeting' }), { now }),
      isInvalidValue,
    );
    assert.deepEqual(await repo.listConversations(tenant), []);
  });

  it('refuses a user id that would break a key and writes neither row', async () => {
    const ref = reference(tenant, { id: 'a:1', conversationType: 'personal' });
    await assert.rejects(
      repo.upsertConversation(tenant, ref, { userAadObjectId: 'a/b', now }),
      (error: unknown) => {
        assert.ok(error instanceof StorageError);
        assert.equal(error.code, 'InvalidKey');
        return true;
      },
    );
    assert.deepEqual(await repo.listConversations(tenant), []);
  });
});

describe('ConversationRepository with the users table: the reference hash and team rosters (Azurite)', () => {
  let tables: Tables;
  let repo: ConversationRepository;
  let users: UserRepository;
  let tenant: string;

  before(async () => {
    tables = await openTables((await testAzurite()).connectionString);
    repo = new ConversationRepository(tables.conversations, tables.users);
    users = new UserRepository(tables.users, tables.roles);
  });

  beforeEach(() => {
    tenant = newTenantId();
  });

  it('marking a personal chat inactive clears its hash on the user’s row, so their next message stores it again', async () => {
    await users.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' });
    const ref = reference(tenant, { id: 'a:1', conversationType: 'personal' });
    const stored = await repo.upsertConversation(tenant, ref, { now });
    await users.updateUser(tenant, anna, { conversationHash: referenceHash(ref), language: 'en' });
    await repo.markInactive(tenant, 'a:1', 'ConversationBlockedByUser', stored.etag);
    const user = await users.getUser(tenant, anna);
    assert.equal(user.conversationHash, null);
    assert.equal(user.language, 'en', 'the rest of the row is kept');
    assert.equal((await repo.getConversation(tenant, 'a:1')).active, false);
  });

  it('marking a channel inactive leaves the rows of its users alone; an unknown chat is still NotFound', async () => {
    await users.upsertUser(tenant, { aadObjectId: anna, email: 'anna@kommun.se', name: 'Anna' });
    await users.updateUser(tenant, anna, { conversationHash: 'h' });
    await repo.upsertConversation(tenant, reference(tenant, { id: '19:c', conversationType: 'channel' }), {
      now,
    });
    await repo.markInactive(tenant, '19:c', 'BotNotInConversationRoster');
    assert.equal((await users.getUser(tenant, anna)).conversationHash, 'h');
    await assert.rejects(repo.markInactive(tenant, 'a:nope', 'x'), NotFoundError);
  });

  it('marks a personal chat of a user it never stored inactive all the same', async () => {
    const stored = await repo.upsertConversation(tenant, reference(tenant, { id: 'a:2' }), { now });
    await repo.markInactive(tenant, 'a:2', 'ConversationBlockedByUser', stored.etag);
    assert.equal((await repo.getConversation(tenant, 'a:2')).active, false);
  });

  it('hashes a reference without the activity it came from, and in any field order', () => {
    const ref = reference(tenant, { id: 'a:1', conversationType: 'personal' });
    const reordered = Object.fromEntries(Object.entries({ ...ref, activityId: 'f:other' }).reverse());
    assert.equal(referenceHash(reordered), referenceHash(ref));
    assert.notEqual(
      referenceHash({ ...ref, serviceUrl: 'https://smba.trafficmanager.net/amer/' }),
      referenceHash(ref),
    );
  });

  it('remembers per team when its roster was read', async () => {
    const team = '19:team/with#odd?chars@thread.tacv2';
    assert.equal(await repo.getRosterRead(tenant, team), null);
    await repo.upsertRosterRead(tenant, team, { now });
    assert.equal(await repo.getRosterRead(tenant, team), now.toISOString());
    assert.equal(await repo.getRosterRead(newTenantId(), team), null);
    assert.deepEqual(await repo.listConversations(tenant), [], 'a roster mark is no conversation');
  });
});
