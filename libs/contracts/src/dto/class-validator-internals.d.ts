// class-validator types its internals under types/ but ships the modules under cjs/. The compiled
// validator reuses the executor's own message formatting so that messages stay byte-identical.
declare module 'class-validator/cjs/validation/ValidationUtils' {
  export { ValidationUtils } from 'class-validator/types/validation/ValidationUtils';
}
