import { CodedError } from './coded-error';

class ParcelError extends CodedError<'PARCEL.LOST' | 'PARCEL.LATE'> {}

class LateParcelError extends ParcelError {
  constructor(readonly days: number) {
    super('PARCEL.LATE', `${days} days late`);
  }
}

describe('CodedError', () => {
  it('carries its code and message as given', () => {
    const error = new CodedError('PARCEL.LOST', 'parcel 7 lost');
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('PARCEL.LOST');
    expect(error.message).toBe('parcel 7 lost');
    expect(error.name).toBe('CodedError');
  });

  it('is named after the subclass thrown, at every level', () => {
    const lost = new ParcelError('PARCEL.LOST', 'parcel 7 lost');
    const late = new LateParcelError(3);
    expect(lost.name).toBe('ParcelError');
    expect(late.name).toBe('LateParcelError');
    expect(late).toBeInstanceOf(ParcelError);
    expect(late).toBeInstanceOf(CodedError);
    expect(late.code).toBe('PARCEL.LATE');
    expect(late.days).toBe(3);
    expect(String(late.stack).split('\n')[0]).toBe('LateParcelError: 3 days late');
  });

  it('keeps the cause', () => {
    const cause = new Error('socket closed');
    expect(new ParcelError('PARCEL.LOST', 'parcel 7 lost', { cause }).cause).toBe(cause);
  });
});
