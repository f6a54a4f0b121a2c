export * from './report';
export * from './measure';
