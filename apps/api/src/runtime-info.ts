/** Facts about this process that health and metrics report. */
export interface RuntimeInfo {
  adapter: 'postgres' | 'eventstoredb';
  embeddedDatabase: boolean;
  jurisdiction: string;
}

export const RUNTIME_INFO = Symbol('RUNTIME_INFO');
