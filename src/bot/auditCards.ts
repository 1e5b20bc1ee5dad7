import type { Action, Audit } from '../domain/types';
import { NotFoundError, type AuditRepository } from '../storage';

/** How long one read of a tenant's audits is used before it is read again. */
const TENANT_TTL_MS = 15 * 60 * 1000;

/** What the cache reads audits with. */
export type AuditSource = Pick<AuditRepository, 'listAudits' | 'getAudit'>;

interface TenantAudits {
  readonly audits: Map<string, Audit>;
  readonly readAt: number;
}

/**
 * The audits an action card names (title, recommendation), read once per process and tenant rather than on every
 * turn that shows a card. Correct with any number of instances because what it keeps does not change: an audit is
 * created with its recommendations in one transaction, later imports only append recommendations, and audit ids
 * are never reused (src/storage/auditRepository.ts). An audit or recommendation the cache lacks (imported since) is
 * read on its own; the whole tenant is read again after 15 minutes, which bounds what a rare undone import (its
 * recommendations removed again, their ids later given to others) could leave behind. No access decision reads it.
 */
export class AuditCards {
  private readonly tenants = new Map<string, Promise<TenantAudits>>();

  /**
   * @param source Where audits are read.
   * @param now The clock, in milliseconds. Default: `Date.now`.
   */
  constructor(
    private readonly source: AuditSource,
    private readonly now: () => number = Date.now,
  ) {}

  /** The audit of an action, with the action's recommendation; null when the audit is gone (deleted by hand). */
  async find(tenantId: string, action: Pick<Action, 'auditId' | 'recommendationId'>): Promise<Audit | null> {
    const known = await this.tenant(tenantId);
    const cached = known.audits.get(action.auditId);
    if (cached?.recommendations.some((rec) => rec.id === action.recommendationId)) return cached;
    let audit: Audit;
    try {
      audit = await this.source.getAudit(tenantId, action.auditId);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
    known.audits.set(audit.id, audit);
    return audit;
  }

  private async tenant(tenantId: string): Promise<TenantAudits> {
    const pending = this.tenants.get(tenantId);
    if (pending) {
      const known = await pending;
      if (this.now() - known.readAt < TENANT_TTL_MS) return known;
      if (this.tenants.get(tenantId) !== pending) return this.tenant(tenantId);
    }
    const reading = this.read(tenantId);
    this.tenants.set(tenantId, reading);
    try {
      return await reading;
    } catch (error) {
      // A failed read is not kept: the next card tries again.
      if (this.tenants.get(tenantId) === reading) this.tenants.delete(tenantId);
      throw error;
    }
  }

  private async read(tenantId: string): Promise<TenantAudits> {
    const readAt = this.now();
    const audits = await this.source.listAudits(tenantId);
    return { audits: new Map(audits.map((audit) => [audit.id, audit])), readAt };
  }
}
