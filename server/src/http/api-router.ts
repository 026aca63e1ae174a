import Router from '@koa/router';
import type { Actor, Role } from '@hiorder/domain/identity/identity.schemas';
import { ERROR_STATUS, ErrorResponseSchema } from '@hiorder/domain/shared/errors';
import type { Context } from 'koa';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import type { EntityManager } from '@hiorder/core/db';
import { parseInput } from './errors';
import { actorOf, auth, emOf } from './http-context';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: Method;
  /** Koa path, `/api/orders/:orderId`. */
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed, or `public`. */
  roles: readonly Role[] | 'public';
  body?: B;
  query?: Q;
  params?: P;
  response?: z.ZodType;
  /** Status of a successful answer with a body (default 200; no body → 204). */
  status?: number;
}

export interface RouteInput<B, Q, P, A> {
  ctx: Context;
  em: EntityManager;
  actor: A;
  body: B;
  query: Q;
  params: P;
}

/**
 * Every HTTP route is declared here with its schemas: the same declaration validates the request (unknown fields
 * rejected) and generates the OpenAPI document, so the two can't drift. A route reads as a sentence:
 * auth(roles) → validate → handler, where the handler calls one command and returns a presented DTO.
 */
export class ApiRouter {
  readonly router = new Router();
  private readonly specs: RouteSpec<z.ZodType, z.ZodType, z.ZodType>[] = [];

  constructor(private readonly deps: AppDeps) {}

  route<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
    spec: RouteSpec<B, Q, P>,
    handler: (input: RouteInput<z.infer<B>, z.infer<Q>, z.infer<P>, Actor>) => Promise<unknown>,
  ): void {
    this.specs.push(spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType>);
    const middlewares = spec.roles === 'public' ? [] : [auth(this.deps, ...spec.roles)];
    this.router[spec.method](spec.path, ...middlewares, async (ctx: Context) => {
      const input = {
        ctx,
        em: emOf(ctx, this.deps),
        actor: spec.roles === 'public' ? (undefined as unknown as Actor) : actorOf(ctx),
        body: spec.body ? parseInput(spec.body, (ctx.request as { body?: unknown }).body ?? {}) : undefined,
        query: spec.query ? parseInput(spec.query, { ...ctx.query }) : undefined,
        params: spec.params ? parseInput(spec.params, { ...(ctx as unknown as { params: Record<string, string> }).params }) : undefined,
      } as RouteInput<z.infer<B>, z.infer<Q>, z.infer<P>, Actor>;
      const result = await handler(input);
      if (result === undefined) {
        ctx.status = 204;
        return;
      }
      ctx.body = result;
      ctx.status = (ctx.state as { status?: number }).status ?? spec.status ?? 200;
    });
  }

  /** Every declared route (the bad-input and BOLA sweeps walk them all). */
  list(): readonly RouteSpec<z.ZodType, z.ZodType, z.ZodType>[] {
    return this.specs;
  }

  /** The OpenAPI 3.1 document of every declared route, from the same zod schemas. */
  openApi(): unknown {
    const paths: Record<string, Record<string, unknown>> = {};
    const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    for (const spec of this.specs) {
      const path = spec.path.replace(/:(\w+)/g, '{$1}');
      const parameters = [
        ...(spec.params ? objectParameters(spec.params, 'path') : []),
        ...(spec.query ? objectParameters(spec.query, 'query') : []),
      ];
      paths[path] ??= {};
      paths[path][spec.method] = {
        summary: spec.summary,
        tags: [spec.tag],
        security: spec.roles === 'public' ? [] : [{ bearer: [] }],
        'x-roles': spec.roles,
        ...(parameters.length ? { parameters } : {}),
        ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(spec.body) } } } } : {}),
        responses: {
          [String(spec.status ?? (spec.response ? 200 : 204))]: spec.response
            ? { description: 'OK', content: { 'application/json': { schema: z.toJSONSchema(spec.response, { unrepresentable: 'any' }) } } }
            : { description: 'No content' },
          default: { description: 'Error', content: { 'application/json': { schema: z.toJSONSchema(ErrorResponseSchema) } } },
        },
      };
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'hiorder API',
        version: '0.1.0',
        description: `Errors are { error: { code, message, details } }. Codes and statuses: ${Object.entries(ERROR_STATUS)
          .map(([c, s]) => `${c}=${s}`)
          .join(', ')}.`,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      paths,
    };
  }
}

function objectParameters(schema: z.ZodType, where: 'path' | 'query'): unknown[] {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  return Object.entries(shape).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || !s.safeParse(undefined).success,
    schema: z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }),
  }));
}

/** For handlers: answer with another status than the route's default (201 for a new order, 200 for a replay). */
export function setStatus(ctx: Context, status: number): void {
  (ctx.state as { status?: number }).status = status;
}
