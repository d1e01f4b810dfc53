export * from './build-web-page';
export * from './page-assets';
