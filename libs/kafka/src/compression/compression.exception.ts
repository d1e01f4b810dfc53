import { CodedError } from '@refurb/contracts';

export const CompressionErrorCode = {
  /** The bytes are not what the codec's format says (truncated, wrong magic, bad block). */
  CORRUPT: 'KAFKA.CORRUPT_COMPRESSED_BATCH',
  /** The batch would decompress beyond the limit (MAX_DECOMPRESSED_BATCH_BYTES). */
  TOO_LARGE: 'KAFKA.DECOMPRESSED_BATCH_TOO_LARGE',
} as const;
export type CompressionErrorCode = (typeof CompressionErrorCode)[keyof typeof CompressionErrorCode];

/** A record batch a codec cannot decompress. */
export class CompressionException extends CodedError<CompressionErrorCode> {
  constructor(
    code: CompressionErrorCode,
    readonly codec: string,
    detail: string,
  ) {
    super(code, `${codec}: ${detail}`);
  }

  static corrupt(codec: string, detail: string): CompressionException {
    return new CompressionException(CompressionErrorCode.CORRUPT, codec, detail);
  }

  static tooLarge(codec: string, size: number, limit: number): CompressionException {
    return new CompressionException(
      CompressionErrorCode.TOO_LARGE,
      codec,
      `batch would decompress to ${size} bytes or more, beyond the limit of ${limit}`,
    );
  }
}
