import type { Open311Value } from './open311-format';

/**
 * Open311 GeoReport v2 ↔ Village Steward (村民大管家): a ticket category (工单类别)
 * is a service, a ticket (工单) a service request identified by its number
 * (工单号). Pure: what the adapter reads through GraphQL in, the
 * specification's fields out. What a response never holds: the reporter's
 * name, phone or e-mail, handlers, actors, and free text (title, description,
 * notes, resolution), which may name people; the progress lookup (进度查询)
 * follows the same rule.
 */

/** The specification's link, in discovery. */
export const GEOREPORT_V2_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** A typed field of a category (类别专属字段), as `ticketCategories` answers it. */
export interface CategoryFieldView {
  key: string;
  label: string;
  labelEn: string;
  type: 'INTEGER' | 'DECIMAL' | 'TEXT' | 'CHOICE' | 'BOOLEAN';
  unit: string | null;
  required: boolean;
  min: number | null;
  max: number | null;
  decimals: number | null;
  maxLength: number | null;
  options: { value: string; label: string; labelEn: string }[];
}

/** What `ticketCategories` answers (tickets subgraph): the current version of each category. */
export interface CategoryView {
  code: string;
  name: string;
  nameEn: string;
  examples: string[];
  active: boolean;
  fields: CategoryFieldView[];
}

/** A question a service asks when requested (the specification's attribute): one typed field of the category. */
export interface ServiceAttribute {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatypeDescription: string | null;
  description: string;
  order: number;
  variable: boolean;
  values: { key: string; name: string }[];
}

/** TEXT fields allowed more than this many characters are the specification's `text` (a text area), shorter ones `string`. */
const STRING_MAX_LENGTH = 200;
const DEFAULT_TEXT_MAX_LENGTH = 500;

function datatypeOf(field: CategoryFieldView): ServiceAttribute['datatype'] {
  switch (field.type) {
    case 'INTEGER':
    case 'DECIMAL':
      return 'number';
    case 'TEXT':
      return (field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH) > STRING_MAX_LENGTH ? 'text' : 'string';
    case 'CHOICE':
    case 'BOOLEAN':
      return 'singlevaluelist';
  }
}

/** How to write a value (the specification's datatype_description), Chinese / English. */
export function datatypeDescriptionOf(field: CategoryFieldView): string | null {
  const unit = field.unit ? `，单位 ${field.unit}` : '';
  const unitEn = field.unit ? ` in ${field.unit}` : '';
  const bounds = [field.min !== null ? `≥ ${field.min}` : null, field.max !== null ? `≤ ${field.max}` : null].filter(Boolean).join(', ');
  switch (field.type) {
    case 'INTEGER':
      return `整数${unit}${bounds ? `，${bounds}` : ''} / a whole number${unitEn}${bounds ? `, ${bounds}` : ''}`;
    case 'DECIMAL': {
      const decimals = field.decimals ?? 2;
      return `数字${unit}，最多 ${decimals} 位小数${bounds ? `，${bounds}` : ''} / a number${unitEn} with at most ${decimals} decimal places${bounds ? `, ${bounds}` : ''}`;
    }
    case 'TEXT': {
      const max = field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      return `最多 ${max} 个字 / at most ${max} characters`;
    }
    case 'BOOLEAN':
      return 'true 或 false / true or false';
    case 'CHOICE':
      return null;
  }
}

/**
 * The attributes of a category's service definition: its typed fields, in
 * their order; the attribute code is the field's stable key, a request gives
 * its value as `attribute[<key>]`.
 */
export function attributesOf(category: CategoryView): ServiceAttribute[] {
  return category.fields.map((field, index) => ({
    code: field.key,
    datatype: datatypeOf(field),
    required: field.required,
    datatypeDescription: datatypeDescriptionOf(field),
    description: `${field.label}${field.unit ? `（${field.unit}）` : ''} / ${field.labelEn}`,
    order: index + 1,
    variable: true,
    values:
      field.type === 'CHOICE'
        ? field.options.map((option) => ({ key: option.value, name: `${option.label} / ${option.labelEn}` }))
        : field.type === 'BOOLEAN'
          ? [
              { key: 'true', name: '是 / yes' },
              { key: 'false', name: '否 / no' },
            ]
          : [],
  }));
}

/** The typed field values of a request (`attribute[code]`, the first non-empty value of each) for `reportTicket`'s `fields`. */
export function fieldsOfAttributes(given: Readonly<Record<string, readonly string[]>>): { key: string; value: string }[] {
  return Object.entries(given).flatMap(([key, values]) => {
    const value = values.find((entry) => entry.trim() !== '');
    return value === undefined ? [] : [{ key, value: value.trim() }];
  });
}

/** One entry of `services.{format}`. */
export function serviceOf(category: CategoryView): Record<string, Open311Value> {
  const examples = category.examples.length > 0 ? `; 例如 ${category.examples.join('、')}` : '';
  return {
    service_code: category.code,
    service_name: category.name,
    description: `${category.nameEn}${examples}`,
    metadata: attributesOf(category).length > 0,
    type: 'realtime',
    keywords: category.examples.join(','),
    group: null,
  };
}

/** `services/{service_code}.{format}`. */
export function serviceDefinitionOf(category: CategoryView): Record<string, Open311Value> {
  return {
    service_code: category.code,
    attributes: attributesOf(category).map((attribute) => ({
      variable: attribute.variable,
      code: attribute.code,
      datatype: attribute.datatype,
      required: attribute.required,
      datatype_description: attribute.datatypeDescription,
      order: attribute.order,
      description: attribute.description,
      values: attribute.values.map((value) => ({ key: value.key, name: value.name })),
    })),
  };
}

/** The required attributes a request leaves out or empty (400 names them). */
export function missingRequiredAttributes(attributes: readonly ServiceAttribute[], given: Readonly<Record<string, readonly string[]>>): string[] {
  return attributes
    .filter((attribute) => attribute.required && !(given[attribute.code] ?? []).some((value) => value.trim() !== ''))
    .map((attribute) => attribute.code);
}

export const TICKET_STATUSES = ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED', 'MERGED'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type Open311Status = 'open' | 'closed';

/**
 * open while the ticket waits or is worked on; closed once it is resolved
 * (办结: the work is done, a resident's feedback may reopen it, and then it
 * is open again), closed, refused (不予受理) or merged into another.
 */
export function open311StatusOf(status: TicketStatus): Open311Status {
  return status === 'RESOLVED' || status === 'CLOSED' || status === 'REJECTED' || status === 'MERGED' ? 'closed' : 'open';
}

/** The steps a resident sees (tickets' `PUBLIC_ACTIONS` of the progress lookup), with their Chinese names. */
export const PUBLIC_ACTION_NAMES: Readonly<Record<string, string>> = {
  report: '上报',
  accept: '受理',
  reject: '不予受理',
  dispatch: '派单',
  start: '处置',
  progress: '处置进展',
  resolve: '办结',
  escalate: '上报上级',
  transfer: '转办',
  feedback: '回访',
  reopen: '重办',
  close: '关闭',
  merge: '合并',
};

/** What the adapter reads of a ticket: no reporter, handler, actor or free text is asked for. */
export interface TicketView {
  number: string;
  category: string;
  categoryName: string | null;
  channel: string;
  status: TicketStatus;
  createdAt: string;
  updatedAt: string;
  acceptDueAt: string | null;
  resolveDueAt: string | null;
  address: string | null;
  location: { geo: { lat: number; lng: number } | null };
  unit: { name: string } | null;
  /** the latest steps, oldest first */
  timeline: { action: string; at: string; unit: { name: string } | null }[];
}

/** The deadline it works towards now: accept by while reported, resolve by while open, none once closed (as the progress lookup). */
export function expectedDatetimeOf(ticket: Pick<TicketView, 'status' | 'acceptDueAt' | 'resolveDueAt'>): string | null {
  if (ticket.status === 'REPORTED') return ticket.acceptDueAt;
  return open311StatusOf(ticket.status) === 'open' ? ticket.resolveDueAt : null;
}

/** The latest public step, e.g. `派单（dispatch），责任单位：太平村`; null before any. */
export function statusNotesOf(timeline: TicketView['timeline']): string | null {
  const step = [...timeline].reverse().find((entry) => entry.action in PUBLIC_ACTION_NAMES);
  if (!step) return null;
  return `${PUBLIC_ACTION_NAMES[step.action]}（${step.action}）${step.unit ? `，责任单位：${step.unit.name}` : ''}`;
}

/** The intake channel of tickets created through Open311 (政务系统对接). */
export const OPEN311_CHANNEL = 'API';

/**
 * Where the problem is, published only for requests received through the API
 * channel, whose submitters publish them as Open311 clients tell them; a
 * hotline or grid report's address may be a resident's home (an elderly
 * person living alone), so the other channels show only the responsible unit.
 */
export function publicLocationOf(ticket: Pick<TicketView, 'channel' | 'address' | 'location'>): { address: string | null; lat: number | null; long: number | null } {
  if (ticket.channel !== OPEN311_CHANNEL) return { address: null, lat: null, long: null };
  return { address: ticket.address, lat: ticket.location.geo?.lat ?? null, long: ticket.location.geo?.lng ?? null };
}

/** One entry of `requests.{format}` and `requests/{id}.{format}`. */
export function serviceRequestOf(ticket: TicketView): Record<string, Open311Value> {
  const location = publicLocationOf(ticket);
  return {
    service_request_id: ticket.number,
    status: open311StatusOf(ticket.status),
    status_notes: statusNotesOf(ticket.timeline),
    service_name: ticket.categoryName ?? ticket.category,
    service_code: ticket.category,
    agency_responsible: ticket.unit?.name ?? null,
    service_notice: null,
    requested_datetime: ticket.createdAt,
    updated_datetime: ticket.updatedAt,
    expected_datetime: expectedDatetimeOf(ticket),
    address: location.address,
    address_id: null,
    zipcode: null,
    lat: location.lat,
    long: location.long,
    media_url: null,
  };
}

const CJK = /[\u3400-\u9fff]/;

/** The reporter's name from first_name and last_name: 姓 before 名 without a space for Chinese names, `first last` otherwise; null when neither. */
export function reporterNameOf(firstName: string | undefined, lastName: string | undefined): string | null {
  const first = firstName?.trim() ?? '';
  const last = lastName?.trim() ?? '';
  if (!first && !last) return null;
  if (!first || !last) return first || last;
  return CJK.test(first) || CJK.test(last) ? `${last}${first}` : `${first} ${last}`;
}

/** A ticket's title (标题) for a request, which has none: the category name and the start of the description. */
export function ticketTitleOf(categoryName: string, description: string | undefined): string {
  const start = description?.trim().split(/\r?\n/)[0]?.trim() ?? '';
  if (!start) return categoryName;
  return `${categoryName}：${start.length > 40 ? `${start.slice(0, 40)}…` : start}`;
}
