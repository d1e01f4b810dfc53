export * from './avoided-emissions';
export * from './default-factor-set';
export * from './emissions.exception';
export { categoryFactorsOf, isPartInCategory, partFactorG } from './factor-lookup';
export * from './factor-set';
export * from './transport';
