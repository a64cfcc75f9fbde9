/** One thing wrong in the config, located for a VA: which file, which line, which key. */
export interface ConfigProblem {
  /** Path relative to the folder of offhours.yaml, e.g. 'clients/acme.yaml'. */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /** Key path like 'hours.mon-fri[1]'; '' when the problem is with the whole file. */
  readonly keyPath: string;
  /** Plain words; never contains a secret value. */
  readonly message: string;
  /** Set when the problem is an unset ${VAR}, so the loader can pick CONFIG_ENV_MISSING. */
  readonly variable?: string;
}
