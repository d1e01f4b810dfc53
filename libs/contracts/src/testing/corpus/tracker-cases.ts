import { RejectionCode } from '../..';
import { RawDeviceEvent } from '../valid-device-events';
import { ACCEPTED, CaseSpec, DUPLICATE, Template } from './corpus-case';

/** What only the tracker can decide: it needs the events already recorded. */
export function trackerCases(fresh: Template): CaseSpec[] {
  const original = fresh('device.collected');
  const reused = { ...original, data: { ...original.data, siteId: 'ANOTHER-SITE' } };
  const reason = 'Écran défectueux à la réception';
  const nfc = fresh('device.returned');
  nfc.data.reason = reason;
  const nfd = { ...nfc, data: { ...nfc.data, reason: reason.normalize('NFD') } };
  const exact = fresh('device.diagnosed');
  const phone = fresh('device.collected');
  const keyboard = fresh('device.repaired');
  keyboard.data.deviceId = phone.data.deviceId;
  keyboard.subject = phone.data.deviceId;
  keyboard.data.partsReplaced = ['keyboard'];
  const pair = (event: RawDeviceEvent) => ({ key: String(event.data.deviceId), decidedByTracker: true });
  return [
    { name: 'id reuse: the original', expectedCode: ACCEPTED, body: { json: original }, ...pair(original) },
    {
      name: 'id reuse: same id, different payload',
      expectedCode: RejectionCode.ID_REUSED,
      body: { json: reused },
      ...pair(original),
    },
    { name: 'NFC text, first delivery', expectedCode: ACCEPTED, body: { json: nfc }, ...pair(nfc) },
    {
      name: 'same event with NFD text (normalises equal)',
      expectedCode: DUPLICATE,
      body: { json: nfd },
      ...pair(nfc),
    },
    {
      name: 'exact duplicate: first delivery',
      expectedCode: ACCEPTED,
      body: { json: exact },
      ...pair(exact),
    },
    {
      name: 'exact duplicate: second delivery',
      expectedCode: DUPLICATE,
      body: { json: exact },
      ...pair(exact),
    },
    {
      name: 'part not in category: the smartphone collection',
      expectedCode: ACCEPTED,
      body: { json: phone },
    },
    {
      name: 'part not in category: a keyboard replaced on a smartphone',
      expectedCode: ACCEPTED,
      body: { json: keyboard },
      decidedByTracker: true,
      flaggedLater: 'CYCLE.PART_NOT_IN_CATEGORY',
    },
  ];
}
