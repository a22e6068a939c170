import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';

import { PUBLIC_KEY } from '../../src/common/auth/auth.decorators';
import type { TestApp } from './test-app';

/** @nestjs/swagger's metadata key of @ApiExcludeController() (its constants are not exported). */
const API_EXCLUDE_CONTROLLER = 'swagger/apiExcludeController';

/** What the app serves, read from the controllers Nest mounted, not from the document. */
export interface Route {
  /** `GET /api/events/{id}`, in OpenAPI's path syntax. */
  key: string;
  /** The same in Express's syntax: `GET /api/events/:id`. */
  expressKey: string;
  method: string;
  path: string;
  isPublic: boolean;
  /** A web page or asset (src/web), served outside /api and left out of the OpenAPI document. */
  isWeb: boolean;
  body?: Type;
  query?: Type;
}

/** Controllers served outside /api that are neither API routes nor pages (setup-app.ts excludes them from the prefix). */
const OUTSIDE_API = new Set(['metrics']);

/** Every API handler (under /api) of every controller Nest has mounted. */
export function servedRoutes(t: TestApp): Route[] {
  return allRoutes(t).filter((r) => !r.isWeb);
}

/** Every page and asset handler (outside /api). */
export function servedPages(t: TestApp): Route[] {
  return allRoutes(t).filter((r) => r.isWeb);
}

function allRoutes(t: TestApp): Route[] {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const controller = metatype as Type;
      const base: string = Reflect.getMetadata(PATH_METADATA, controller) ?? '';
      if (OUTSIDE_API.has(base)) continue;
      const isWeb = (Reflect.getMetadata(API_EXCLUDE_CONTROLLER, controller) as boolean[] | undefined)?.[0] === true;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        const path: string | undefined = name === 'constructor' ? undefined : Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const openApiPath = `${isWeb ? '' : '/api'}/${base}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1').replace(/:(\w+)/g, '{$1}');
        const args: Record<string, { index: number; data?: unknown }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
        const types: Type[] = Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? [];
        const argType = (kind: RouteParamtypes) => {
          const arg = Object.entries(args).find(([key, a]) => key.startsWith(`${kind}:`) && a.data === undefined)?.[1];
          const type = arg ? types[arg.index] : undefined;
          return type && type !== Object ? type : undefined;
        };
        routes.push({
          key: `${method} ${openApiPath}`,
          expressKey: `${method} ${openApiPath.replace(/\{(\w+)\}/g, ':$1')}`,
          method: method.toLowerCase(),
          path: openApiPath,
          isPublic: Boolean(Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller)),
          isWeb,
          body: argType(RouteParamtypes.BODY),
          query: argType(RouteParamtypes.QUERY),
        });
      }
    }
  }
  return routes;
}
