import { isCloudEventsMediaType, isJsonMediaType, isStructuredJsonMediaType } from './media-type';

describe('media types', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON; charset=UTF-8', true],
    ['application/json;charset="utf-8"', true],
    ['application/vnd.refurb.collected+json', true],
    ['application/json; charset=iso-8859-1', false],
    ['text/plain', false],
    ['application/xml', false],
    ['application/cloudevents+json', false],
    ['application', false],
    ['application/json/extra', false],
    ['', false],
  ])('data content type %p is JSON: %s', (value, expected) => {
    expect(isJsonMediaType(value)).toBe(expected);
  });

  it.each([
    ['application/cloudevents+json', true],
    ['application/cloudevents+json; charset=utf-8', true],
    ['APPLICATION/CLOUDEVENTS+JSON', true],
    ['application/cloudevents-batch+json', false],
    ['application/cloudevents+avro', false],
    ['application/cloudevents+json; charset=utf-16', false],
    ['application/json', false],
  ])('structured %p is accepted: %s', (value, expected) => {
    expect(isStructuredJsonMediaType(value)).toBe(expected);
  });

  it('recognises every CloudEvents format', () => {
    expect(isCloudEventsMediaType('application/cloudevents-batch+json')).toBe(true);
    expect(isCloudEventsMediaType('application/cloudevents+avro')).toBe(true);
    expect(isCloudEventsMediaType('application/json')).toBe(false);
  });
});
