import { XMLBuilder } from 'fast-xml-parser';

/**
 * Open311 GeoReport v2 rendering (http://wiki.open311.org/GeoReport_v2). The same records go out as
 * JSON or XML; the XML element names are the spec's: a list is a plural root with one singular child
 * per record (`<services><service>`, `<service_requests><request>`, `<errors><error>`), and nested
 * lists follow the same rule (`<attributes><attribute>`, `<values><value>`). Bodies are built here as
 * strings and sent as they are, so the field lists below are the whole of what a client can see.
 */
export type Open311Format = 'json' | 'xml';

export const OPEN311_CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** Nested lists and the name of their items in XML. */
const ITEM_TAGS: Record<string, string> = { attributes: 'attribute', values: 'value' };

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface Open311AttributeValue {
  key: string;
  name: string;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: Open311AttributeValue[];
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
  extended_attributes: { state: string; state_label: string };
}

export interface Open311Created {
  service_request_id: string;
  service_notice: string | null;
  account_id: string | null;
}

export interface Open311Error {
  code: number;
  description: string;
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

/** null becomes an empty element (`<address_id></address_id>`): the field is there, with no value. */
function toXml(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(toXml);
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const itemTag = ITEM_TAGS[key];
    out[key] = itemTag && Array.isArray(v) ? { [itemTag]: v.map(toXml) } : toXml(v);
  }
  return out;
}

function xmlDocument(root: string, content: unknown): string {
  return XML_DECLARATION + builder.build({ [root]: content });
}

function renderList(format: Open311Format, root: string, item: string, records: object[]): string {
  if (format === 'json') return JSON.stringify(records);
  return xmlDocument(root, { [item]: records.map(toXml) });
}

export function renderServices(format: Open311Format, services: Open311Service[]): string {
  return renderList(format, 'services', 'service', services);
}

export function renderServiceDefinition(format: Open311Format, definition: Open311ServiceDefinition): string {
  if (format === 'json') return JSON.stringify(definition);
  return xmlDocument('service_definition', toXml(definition));
}

export function renderRequests(format: Open311Format, requests: Open311Request[]): string {
  return renderList(format, 'service_requests', 'request', requests);
}

export function renderCreated(format: Open311Format, created: Open311Created[]): string {
  return renderList(format, 'service_requests', 'request', created);
}

export function renderErrors(format: Open311Format, errors: Open311Error[]): string {
  return renderList(format, 'errors', 'error', errors);
}
