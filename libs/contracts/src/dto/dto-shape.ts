import { ClassConstructor } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';

/** What a DTO class declares: the properties it validates, and the DTO class of each nested one. */
export interface DtoShape {
  properties: readonly string[];
  nested: ReadonlyMap<string, ClassConstructor<object>>;
}

const shapes = new WeakMap<ClassConstructor<object>, DtoShape>();

/** The class a nested property is validated as, from its `@Type(() => Dto)` decorator. */
export function nestedDtoOf(
  dto: ClassConstructor<object>,
  property: string,
): ClassConstructor<object> | undefined {
  const type: unknown = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction();
  return typeof type === 'function' ? (type as ClassConstructor<object>) : undefined;
}

/** Read from the decorators' metadata once per class: decorators run when the class is defined. */
export function dtoShape(dto: ClassConstructor<object>): DtoShape {
  let shape = shapes.get(dto);
  if (shape === undefined) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
    const properties = [...new Set(metadata.map(({ propertyName }) => propertyName))];
    const nested = new Map<string, ClassConstructor<object>>();
    for (const property of properties) {
      const nestedDto = nestedDtoOf(dto, property);
      if (nestedDto) nested.set(property, nestedDto);
    }
    shape = { properties, nested };
    shapes.set(dto, shape);
  }
  return shape;
}
