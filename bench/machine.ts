import { readFileSync } from 'node:fs';
import * as os from 'node:os';

export type Machine = {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  os: string;
  date: string;
  /** 1/5/15-minute load averages when the bench started: other work on the machine skews timings. */
  load: number[];
};

const readOr = (file: string, fallback: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
};

export function machine(): Machine {
  const cpuinfo = readOr('/proc/cpuinfo', '');
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const release = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readOr('/etc/os-release', ''))?.[1] ?? os.type();
  return {
    cpu,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    ramGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${release} (${os.platform()} ${os.release()} ${os.arch()})`,
    date: new Date().toISOString(),
    load: os.loadavg(),
  };
}
