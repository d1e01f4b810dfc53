import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** A TCP port read from the environment. */
export function IsHttpPort(): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    Type(() => Number),
    IsInt({ message: 'must be a whole number' }),
    Min(1, { message: 'must be a port between 1 and 65535' }),
    Max(65535, { message: 'must be a port between 1 and 65535' }),
  ];
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}
