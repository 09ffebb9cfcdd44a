import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.js';
import type { Tenant } from '../../db/schema.js';
import { AppError } from '../errors/app-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The province this request is for; set on every route that has `config.tenant !== false`. */
    tenant: Tenant;
  }
}

export const TENANT_HEADER = 'x-tenant-id';
const CACHE_MS = 30_000;

/**
 * Picks the tenant for a request: the X-Tenant-Id header, else the Host name listed on a tenant,
 * else the configured default. Tenants are few and rarely change, so they are cached briefly;
 * writes call `invalidate()`.
 */
export class TenantResolver {
  private cache: { at: number; tenants: Tenant[] } | undefined;

  constructor(
    private readonly db: Db,
    private readonly defaultTenant: string | undefined,
  ) {}

  invalidate(): void {
    this.cache = undefined;
  }

  async all(): Promise<Tenant[]> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.tenants;
    const tenants = await this.db.selectFrom('tenants').selectAll().execute();
    this.cache = { at: Date.now(), tenants };
    return tenants;
  }

  async resolve(request: FastifyRequest): Promise<Tenant> {
    const tenants = await this.all();
    const header = request.headers[TENANT_HEADER];
    const wanted = typeof header === 'string' ? header.trim().toLowerCase() : undefined;
    const host = request.hostname.split(':')[0]?.toLowerCase() ?? '';
    const tenant =
      (wanted ? tenants.find((t) => t.id === wanted || t.code === wanted) : undefined) ??
      (wanted ? undefined : tenants.find((t) => t.host_names.includes(host))) ??
      (wanted ? undefined : tenants.find((t) => t.id === this.defaultTenant));
    if (!tenant) throw new AppError('TENANT_NOT_FOUND');
    if (!tenant.enabled) throw new AppError('TENANT_DISABLED');
    return tenant;
  }
}
