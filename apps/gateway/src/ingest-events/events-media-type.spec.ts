import { isEventsMediaType } from './events-media-type';

describe('isEventsMediaType', () => {
  it.each([
    'application/json',
    'application/cloudevents+json',
    'application/cloudevents-batch+json',
    'Application/JSON; charset=UTF-8',
    'application/cloudevents+json;charset="utf-8"',
    'application/json; charset=utf8; foo=bar',
  ])('accepts %s', (contentType) => expect(isEventsMediaType(contentType)).toBe(true));

  it.each([
    undefined,
    '',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/cloudevents+avro',
    'application/merge-patch+json',
    'application/json; charset=latin1',
  ])('refuses %s', (contentType) => expect(isEventsMediaType(contentType)).toBe(false));
});
