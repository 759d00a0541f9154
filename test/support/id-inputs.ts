import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import { TestApp } from './test-app';

// Ids in request bodies and query strings, found from the code's own metadata (not a hand list), so a
// new id field or a new route taking one shows up in the tests that must cover it.

type Meta = { propertyName: string; name?: string; type: string; target: Cls };
type Cls = abstract new (...args: never[]) => unknown;

/** A field carries an id: validated with @IsUUID, or named …Id / …Ids. */
const isIdField = (m: Meta) => m.name === 'isUuid' || /[a-z](Id|Ids)$/.test(m.propertyName);

/** Every `Class.field` of a loaded DTO class that carries an id (call after the app module is loaded). */
export function discoverIdFields(): string[] {
  const byClass = (getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, Meta[]> }).validationMetadatas;
  const out = new Set<string>();
  for (const [target, metas] of byClass) {
    if (typeof target !== 'function') continue;
    for (const m of metas) if (isIdField(m)) out.add(`${target.name}.${m.propertyName}`);
  }
  return [...out].sort();
}

export interface IdInput {
  /** `METHOD /path` as the access matrix writes it. */
  route: string;
  /** Where in the request: `body.items[].activityId`, `query.prisonId`. */
  at: string;
  /** The DTO field that declares it: `AllocationRequestDto.activityId`. */
  field: string;
}

/** The id fields of one DTO class and the classes nested in it (@ValidateNested + @Type), with their paths. */
function idPaths(cls: Cls, prefix: string, seen: Set<Cls> = new Set()): Array<{ at: string; field: string }> {
  if (seen.has(cls)) return [];
  seen.add(cls);
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false) as unknown as Meta[];
  const out: Array<{ at: string; field: string }> = [];
  for (const m of metas) {
    // Named after the declaring class, as discoverIdFields() names it (inherited fields appear once).
    const field = `${m.target.name}.${m.propertyName}`;
    if (isIdField(m) && !out.some((o) => o.at === `${prefix}.${m.propertyName}`)) out.push({ at: `${prefix}.${m.propertyName}`, field });
    if (m.type === 'nestedValidation') {
      const nested = defaultMetadataStorage.findTypeMetadata(cls, m.propertyName)?.typeFunction() as Cls | undefined;
      const each = Reflect.getMetadata('design:type', cls.prototype, m.propertyName) === Array ? '[]' : '';
      if (nested) out.push(...idPaths(nested, `${prefix}.${m.propertyName}${each}`, seen));
    }
  }
  return out;
}

/** Every route whose @Body() or @Query() DTO (or a DTO nested in it) has an id field, from the controllers' metadata. */
export function discoverIdInputs(t: TestApp): IdInput[] {
  const out: IdInput[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctrl = wrapper.metatype as Cls | null;
      if (!ctrl) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const handler = (ctrl.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler))].filter((p) => p && p !== '/').join('/')}`.replace(
          /\/+/g,
          '/',
        );
        const route = `${method} ${path}`;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, ctrl, name) ?? {}) as Record<string, { index: number; data?: unknown }>;
        const types = (Reflect.getMetadata('design:paramtypes', ctrl.prototype, name) ?? []) as Array<Cls | ObjectConstructor>;
        for (const [key, arg] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]);
          if (kind !== RouteParamtypes.BODY && kind !== RouteParamtypes.QUERY) continue;
          const where = kind === RouteParamtypes.BODY ? 'body' : 'query';
          if (typeof arg.data === 'string') {
            if (/[a-z](Id|Ids)$/.test(arg.data))
              out.push({ route, at: `${where}.${arg.data}`, field: `${ctrl.name}.${name}(${arg.data})` });
            continue;
          }
          const dto = types[arg.index];
          if (dto && dto !== Object) for (const p of idPaths(dto as Cls, where)) out.push({ route, ...p });
        }
      }
    }
  }
  return out.sort((a, b) => `${a.route} ${a.at}`.localeCompare(`${b.route} ${b.at}`));
}

const WEB_DIR = join(__dirname, '../../src/web');

/**
 * The web pages take form fields and query parameters without DTOs (`field(body, 'prisonerId')`,
 * `queryString(q, 'prisonId')`): read them from the controllers' source, route by route.
 */
export function discoverWebIdInputs(): IdInput[] {
  const out: IdInput[] = [];
  const files = readdirSync(WEB_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.controller.ts'));
  for (const file of files) {
    const src = readFileSync(join(WEB_DIR, file), 'utf8');
    const prefix = /@WebController\((?:'([^']*)')?\)/.exec(src);
    if (!prefix) continue;
    const base = prefix[1] ? `/app/${prefix[1]}` : '/app';
    // Fields read by the file's top-level helpers (`const prisonFormValues = (body) => ({ … })`) count for
    // every handler that calls the helper.
    const helpers = [...src.matchAll(/^(?:const|function) (\w+)[\s\S]*?(?=^\S)/gm)].map(([text, name]) => ({ name, text }));
    // One chunk per handler: from its route decorator to the next one.
    for (const chunk of src.split(/(?=\n {2}@(?:Get|Post|Put|Patch|Delete)\()/).slice(1)) {
      const [, verb, sub] = /@(Get|Post|Put|Patch|Delete)\((?:'([^']*)')?\)/.exec(chunk) as RegExpExecArray;
      const route = `${verb.toUpperCase()} ${sub ? `${base}/${sub}` : base}`;
      const called = helpers.filter((h) => new RegExp(`\\b${h.name}\\(`).test(chunk)).map((h) => h.text);
      for (const [, fn, name] of [chunk, ...called]
        .join('\n')
        .matchAll(/\b(field|fieldList|queryString)\(\s*\w+\s*,\s*'(\w*[a-z](?:Id|Ids))'\s*\)/g)) {
        const at = `${fn === 'queryString' ? 'query' : 'body'}.${name}`;
        if (!out.some((o) => o.route === route && o.at === at)) out.push({ route, at, field: `${file}:${name}` });
      }
    }
  }
  return out.sort((a, b) => `${a.route} ${a.at}`.localeCompare(`${b.route} ${b.at}`));
}
