import type { ApolloServer } from '@apollo/server';
import type { Logger } from '@steward/service-kit/core';
import { requestIdOf } from '@steward/service-kit/observability';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { principalOf } from '../authentication';
import type { GatewayContext } from '../subgraph-source';
import { callerOperations, OperationFailed, type OperationError, type RunOperation } from './caller-operations';
import {
  ASSESSMENT_COLUMNS,
  exportFileName,
  HOUSEHOLD_EXPORT_COLUMNS,
  parseExportParams,
  selectionOf,
  TICKET_COLUMNS,
  type AssessmentNode,
  type ExportColumn,
  type ExportParams,
  type HouseholdNode,
  type TicketNode,
} from './export-sheets';
import { readSheet, startSheet } from './sheet-io';
import { chunksOf, parseHouseholdSheet, parseMemberSheet, sortedErrors, type SheetError } from './sheet-rows';

/** Rows one import call sends, and its JSON at most (the members subgraph takes 100 kB bodies). */
const CHUNK_ROWS = 1000;
const CHUNK_BYTES = 80_000;
/** The most rows a file may have. */
export const MAX_IMPORT_ROWS = 100_000;
/** Page sizes of the export reads (the connections allow 200; tickets join more per node). */
const TICKETS_PAGE = 100;
const UNITS_PAGE = 100;
const HOUSEHOLDS_PAGE = 200;

const ID_PATTERN = /^[\w-]{1,128}$/;

function sendErrors(res: Response, status: number, errors: readonly OperationError[]): void {
  res.status(status).json({ errors });
}

const badRequest = (res: Response, message: string, errors?: string[]) =>
  sendErrors(res, 400, [{ message, extensions: { code: 'BAD_USER_INPUT', ...(errors ? { errors } : {}) } }]);

/** 401 for a request without a token (the routes need a sign-in; there is no anonymous import or export). */
function signedIn(req: Request, res: Response): boolean {
  if (principalOf(req).kind !== 'ANONYMOUS') return true;
  sendErrors(res, 401, [{ message: '请先登录：Authorization: Bearer <token> (sign in first)', extensions: { code: 'UNAUTHENTICATED' } }]);
  return false;
}

const HOUSEHOLDS_IMPORT = `mutation ImportHouseholds($townshipId: ID!, $rows: [HouseholdImportRow!]!, $dryRun: Boolean!) {
  importHouseholds(townshipId: $townshipId, rows: $rows, dryRun: $dryRun) { created updated unchanged } }`;
const MEMBERS_IMPORT = `mutation ImportMembers($townshipId: ID!, $rows: [MemberImportRow!]!, $dryRun: Boolean!) {
  importMembers(townshipId: $townshipId, rows: $rows, dryRun: $dryRun) { created updated unchanged } }`;

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

/** The row errors of a BAD_USER_INPUT answer of an import mutation (`extensions.rows`), or null for another error. */
function rowErrorsOf(error: OperationFailed): SheetError[] | null {
  if (error.status !== 400) return null;
  const rows = error.errors.flatMap((e) => (Array.isArray(e.extensions?.rows) ? (e.extensions.rows as { row?: unknown; message?: unknown }[]) : []));
  if (rows.length === 0) return null;
  return rows.filter((r) => typeof r.row === 'number' && typeof r.message === 'string').map((r) => ({ row: r.row as number, message: r.message as string }));
}

/**
 * Checks every chunk (dryRun), then writes them: nothing is written while a
 * row is bad. A chunk that fails in the write phase (a concurrent change)
 * leaves the earlier chunks written; importing the file again completes it.
 */
async function importChunks<T>(run: RunOperation, mutation: string, field: string, townshipId: string, rows: T[], fileErrors: SheetError[]): Promise<{ counts: Counts } | { errors: string[] }> {
  const chunks = chunksOf(rows, CHUNK_ROWS, CHUNK_BYTES);
  const errors = [...fileErrors];
  for (const chunk of chunks) {
    try {
      await run(mutation, { townshipId, rows: chunk, dryRun: true });
    } catch (error) {
      const rowErrors = error instanceof OperationFailed ? rowErrorsOf(error) : null;
      if (!rowErrors) throw error;
      errors.push(...rowErrors);
    }
  }
  if (errors.length > 0 || rows.length === 0) return { errors: errors.length > 0 ? sortedErrors(errors) : ['行 2: 文件中没有数据行 (no data rows)'] };
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  for (const chunk of chunks) {
    const data = await run<Record<string, Counts>>(mutation, { townshipId, rows: chunk, dryRun: false });
    const done = data[field];
    counts.created += done.created;
    counts.updated += done.updated;
    counts.unchanged += done.unchanged;
  }
  return { counts };
}

function importHandler(server: ApolloServer<GatewayContext>, logger: Logger, kind: 'households' | 'members') {
  return async (req: Request, res: Response): Promise<void> => {
    if (!signedIn(req, res)) return;
    const townshipId = req.query.townshipId;
    if (typeof townshipId !== 'string' || !ID_PATTERN.test(townshipId)) return badRequest(res, 'townshipId：缺少或不是乡镇 id (missing or not a township id)');
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) return badRequest(res, '请求体应为 .xlsx 或 .csv 文件 (send the .xlsx or .csv file as the body)');
    let sheet;
    try {
      sheet = await readSheet(req.body);
    } catch (error) {
      logger.info({ err: error }, 'import: unreadable spreadsheet');
      return badRequest(res, '无法读取文件：应为 .xlsx 或 UTF-8 的 .csv (not a readable .xlsx or UTF-8 .csv)');
    }
    if (sheet.length > MAX_IMPORT_ROWS + 1) return badRequest(res, `文件行数过多：最多 ${MAX_IMPORT_ROWS} 行 (at most ${MAX_IMPORT_ROWS} rows)`);
    const run = callerOperations(server, { principal: principalOf(req), requestId: requestIdOf(req) });
    try {
      const outcome =
        kind === 'households'
          ? await (async () => {
              const parsed = parseHouseholdSheet(sheet);
              return importChunks(run, HOUSEHOLDS_IMPORT, 'importHouseholds', townshipId, parsed.rows, parsed.errors);
            })()
          : await (async () => {
              const parsed = parseMemberSheet(sheet);
              // one call: the rows of one person must be judged together
              if (parsed.rows.length > CHUNK_ROWS) return { errors: [`行 ${CHUNK_ROWS + 2}: 人员导入每个文件最多 ${CHUNK_ROWS} 行 (at most ${CHUNK_ROWS} member rows a file)`] };
              return importChunks(run, MEMBERS_IMPORT, 'importMembers', townshipId, parsed.rows, parsed.errors);
            })();
      if ('errors' in outcome) {
        return badRequest(res, `导入数据有 ${outcome.errors.length} 处错误，未写入任何数据 (${outcome.errors.length} errors: nothing was written)`, outcome.errors);
      }
      res.status(200).json({ ...outcome.counts, rows: outcome.counts.created + outcome.counts.updated + outcome.counts.unchanged });
    } catch (error) {
      if (error instanceof OperationFailed) return sendErrors(res, error.status, error.errors);
      logger.error({ err: error }, `import of ${kind} failed`);
      sendErrors(res, 500, [{ message: 'Internal error (系统内部错误): retry later', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    }
  };
}

const UNIT_QUERY = 'query ExportUnit($id: ID!) { orgUnit(id: $id) { id name level } }';

/** Pages a connection (its `pageInfo.endCursor`) and hands each node on. */
async function eachNode<T>(run: RunOperation, query: string, variables: Record<string, unknown>, field: string, onNode: (node: T) => void): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const data: Record<string, { edges: { node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> = await run(query, { ...variables, after });
    const connection = data[field];
    for (const { node } of connection.edges) onNode(node);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
    after = connection.pageInfo.endCursor;
  }
}

interface ExportPlan<T> {
  sheetName: string;
  columns: readonly ExportColumn<T>[];
  query: string;
  field: string;
  variables: Record<string, unknown>;
}

function planOf(params: ExportParams): ExportPlan<TicketNode> | ExportPlan<AssessmentNode> | ExportPlan<HouseholdNode> {
  switch (params.kind) {
    case 'tickets':
      return {
        sheetName: '工单',
        columns: TICKET_COLUMNS,
        field: 'tickets',
        query: `query ExportTickets($filter: TicketFilter, $after: String) { tickets(filter: $filter, first: ${TICKETS_PAGE}, after: $after) {
          edges { node { ${selectionOf(TICKET_COLUMNS)} } } pageInfo { hasNextPage endCursor } } }`,
        variables: { filter: { within: params.unitId, ...(params.from ? { from: params.from } : {}), ...(params.to ? { to: params.to } : {}) } },
      };
    case 'assessment':
      return {
        sheetName: '考核报表',
        columns: ASSESSMENT_COLUMNS,
        field: 'orgUnits',
        query: `query ExportAssessment($parentId: ID!, $period: PeriodInput!, $after: String) { orgUnits(filter: { parentId: $parentId }, first: ${UNITS_PAGE}, after: $after) {
          edges { node { id ${selectionOf(ASSESSMENT_COLUMNS)} } } pageInfo { hasNextPage endCursor } } }`,
        variables: { parentId: params.unitId, period: params.period },
      };
    case 'households':
      return {
        sheetName: '户',
        columns: HOUSEHOLD_EXPORT_COLUMNS,
        field: 'households',
        query: `query ExportHouseholds($within: ID!, $after: String) { households(filter: { within: $within }, first: ${HOUSEHOLDS_PAGE}, after: $after) {
          edges { node { ${selectionOf(HOUSEHOLD_EXPORT_COLUMNS)} } } pageInfo { hasNextPage endCursor } } }`,
        variables: { within: params.unitId },
      };
  }
}

function exportHandler(server: ApolloServer<GatewayContext>, logger: Logger, kind: ExportParams['kind']) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!signedIn(req, res)) return;
    const parsed = parseExportParams(kind, req.query as Record<string, unknown>);
    if ('problems' in parsed) return badRequest(res, `参数错误 (bad parameters): ${parsed.problems.join('; ')}`, parsed.problems);
    const { params } = parsed;
    const run = callerOperations(server, { principal: principalOf(req), requestId: requestIdOf(req) });
    try {
      // the unit first: FORBIDDEN (403) outside the caller's units, 404 when unknown, before any byte is sent
      const { orgUnit } = await run<{ orgUnit: { id: string; name: string } | null }>(UNIT_QUERY, { id: params.unitId });
      if (!orgUnit) return sendErrors(res, 404, [{ message: `没有这个单位 (no unit ${params.unitId})`, extensions: { code: 'NOT_FOUND' } }]);
      const plan = planOf(params) as ExportPlan<unknown>;
      // the first page before the headers: an error there is still a JSON answer
      let sheet: ReturnType<typeof startSheet> | null = null;
      await eachNode<unknown>(run, plan.query, plan.variables, plan.field, (node) => {
        sheet ??= startSheet(res, exportFileName(params, orgUnit.name), plan.sheetName, plan.columns);
        sheet.add(plan.columns.map((column) => column.value(node)));
      });
      const started: ReturnType<typeof startSheet> = sheet ?? startSheet(res, exportFileName(params, orgUnit.name), plan.sheetName, plan.columns);
      await started.done();
    } catch (error) {
      if (!res.headersSent && error instanceof OperationFailed) return sendErrors(res, error.status, error.errors);
      logger.error({ err: error, kind }, 'export failed');
      if (!res.headersSent) sendErrors(res, 500, [{ message: 'Internal error (系统内部错误): retry later', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      else res.destroy();
    }
  };
}

/**
 * Spreadsheet import and export (电子表格导入导出) as the signed-in caller:
 * `POST /imports/households|members?townshipId=` take an .xlsx or .csv body
 * and call members' import mutations; `GET /exports/tickets.xlsx`,
 * `/exports/assessment.xlsx`, `/exports/households.xlsx` build the sheet from
 * GraphQL queries. Both run through the gateway's own server as the caller
 * (`callerOperations`), so the subgraphs' permission checks, scope and PII
 * masking apply unchanged. Mount behind authentication and the rate limits.
 */
export function spreadsheetRoutes(server: ApolloServer<GatewayContext>, logger: Logger, importBodyLimit: string): { imports: Router; exports: Router } {
  const imports = express.Router();
  const raw = express.raw({ type: () => true, limit: importBodyLimit });
  imports.post('/households', raw, importHandler(server, logger, 'households'));
  imports.post('/members', raw, importHandler(server, logger, 'members'));
  imports.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if ((error as { type?: unknown }).type !== 'entity.too.large') return next(error);
    sendErrors(res, 413, [{ message: `文件过大：最大 ${importBodyLimit}（GATEWAY_IMPORT_BODY_LIMIT）(file too large)`, extensions: { code: 'BAD_USER_INPUT' } }]);
  });
  const exports = express.Router();
  exports.get('/tickets.xlsx', exportHandler(server, logger, 'tickets'));
  exports.get('/assessment.xlsx', exportHandler(server, logger, 'assessment'));
  exports.get('/households.xlsx', exportHandler(server, logger, 'households'));
  return { imports, exports };
}
