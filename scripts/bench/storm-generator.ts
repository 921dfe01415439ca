import { monitorEventLoopDelay, performance, type EventLoopUtilization } from "node:perf_hooks";

/**
 * How hard the load generator itself worked during a phase. 1,200 clients in one Node process
 * share one JavaScript thread: if that thread is busy all the time, requests wait in this process
 * before they are sent and answers wait before they are counted, and the figures measure the
 * bench, not the servers. Event-loop utilization says how much of the phase the thread was busy;
 * the loop delay's p99 is how late a ready callback ran (it inflates every latency measured).
 */
export type GeneratorLoad = {
  /** This process's CPU, all threads (undici runs on the main one; GC helpers on others), in cores. */
  cores: number;
  /** Share of the phase the main thread was busy, 0–1. */
  utilization: number;
  loopDelayP99Ms: number;
};

// Above this, the generator's own thread is (nearly) the bottleneck: say so next to the figures.
export const SATURATED = 0.9;

export class GeneratorMeter {
  private readonly delay = monitorEventLoopDelay({ resolution: 10 });
  private elu: EventLoopUtilization = performance.eventLoopUtilization();
  private cpu = process.cpuUsage();
  private at = performance.now();

  constructor() {
    this.delay.enable();
  }

  start(): void {
    this.elu = performance.eventLoopUtilization();
    this.cpu = process.cpuUsage();
    this.at = performance.now();
    this.delay.reset();
  }

  read(): GeneratorLoad {
    const seconds = (performance.now() - this.at) / 1000;
    const cpu = process.cpuUsage(this.cpu);
    return {
      cores: (cpu.user + cpu.system) / 1e6 / seconds,
      utilization: performance.eventLoopUtilization(this.elu).utilization,
      loopDelayP99Ms: this.delay.percentile(99) / 1e6,
    };
  }

  close(): void {
    this.delay.disable();
  }
}

export function formatGenerator(load: GeneratorLoad): string {
  const verdict =
    load.utilization >= SATURATED
      ? " ← SATURATED: the bench's own thread was the limit; the server figures of this phase are a lower bound"
      : "";
  return `${load.cores.toFixed(2)} cores, main thread ${(load.utilization * 100).toFixed(0)} % busy, loop delay p99 ${load.loopDelayP99Ms.toFixed(0)} ms${verdict}`;
}
