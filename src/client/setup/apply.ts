/**
 * Applying a setup document to a camera: read the camera, plan (refusing
 * before any write what the camera cannot hold), then each write once, in
 * order, stopping at the first that fails. The report says what was applied,
 * what was not, and which write may have been (its reply was lost: the client
 * never sends a write twice).
 */
import type { ThermometryClient } from '../client';
import { ThermometryError } from '../errors';
import { checkDocument, type SetupDocument } from './document';
import { planSetup, type AreaIds, type PlanOptions, type SetupChange, type SetupPlan, type SetupStep } from './plan';
import { readCameraSetup, type CameraSetup } from './read';

export interface ApplyOptions extends PlanOptions {
  /** List the changes and write nothing. */
  dryRun?: boolean;
}

/** The write that stopped an apply. */
export interface SetupFailure {
  change: SetupChange;
  method: string;
  message: string;
  kind: string;
  code?: number;
  reason?: string;
}

export interface SetupReport {
  dryRun: boolean;
  /** host:port of the camera written to. */
  camera: string;
  /** Every difference found, in the order of the writes. */
  changes: SetupChange[];
  /** Writes the camera confirmed. */
  applied: SetupChange[];
  /** Writes not made (after a failure, or every change of a dry run). */
  notApplied: SetupChange[];
  /** The write whose reply was lost: the camera may or may not have made it. */
  mayHaveApplied: SetupChange[];
  /** The failed write, when one failed. */
  failure?: SetupFailure;
}

function failureOf(step: SetupStep, err: unknown): SetupFailure {
  const e = err instanceof ThermometryError ? err : undefined;
  const f: SetupFailure = {
    change: step.change,
    method: step.method,
    message: err instanceof Error ? err.message : String(err),
    kind: e?.kind ?? 'unknown',
  };
  if (e?.code !== undefined) f.code = e.code;
  if (e?.reason !== undefined) f.reason = e.reason;
  return f;
}

/** Area ids by name on the camera as read. */
function idsOf(target: CameraSetup): AreaIds {
  return new Map(target.document.areas.map((a) => [a.name, a.id as number]));
}

/**
 * Apply `input` (a setup document, or its JSON text) to the camera of
 * `client`. Throws ThermometryError before any write when the document is
 * malformed, the camera cannot be read, or cannot hold the document; a write
 * that fails ends the apply and is told in the report's `failure`.
 */
export async function applySetup(client: ThermometryClient, input: unknown, options: ApplyOptions = {}): Promise<SetupReport> {
  const doc: SetupDocument = checkDocument(input);
  let target = await readCameraSetup(client);
  let plan: SetupPlan = planSetup(doc, target, options);
  const report: SetupReport = {
    dryRun: options.dryRun === true,
    camera: client.camera,
    changes: [...plan.changes],
    applied: [],
    notApplied: [],
    mayHaveApplied: [],
  };
  if (report.dryRun) {
    report.notApplied = [...plan.changes];
    return report;
  }
  let ids = idsOf(target);
  let steps = plan.steps;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    try {
      const result = (await client.call(step.method, step.params(ids) as never)) as { id?: unknown };
      if ((step.change.kind === 'area' || step.change.kind === 'group') && step.change.action === 'add' && typeof result?.id === 'number') {
        step.change.id = result.id;
        if (step.change.kind === 'area') ids.set(step.change.name, result.id);
      }
      report.applied.push(step.change);
    } catch (err) {
      report.failure = failureOf(step, err);
      (err instanceof ThermometryError && err.mayHaveApplied ? report.mayHaveApplied : report.notApplied).push(step.change);
      report.notApplied.push(...steps.slice(i + 1).map((s) => s.change));
      return report;
    }
    if (step.method === 'setTemperatureScale') {
      // The camera converts its temperatures to the new scale in its own way: read it again and plan the rest on what it holds.
      try {
        target = await readCameraSetup(client);
        plan = planSetup(doc, target, options);
      } catch (err) {
        report.failure = {
          change: step.change,
          method: 'readSetup',
          message: err instanceof Error ? err.message : String(err),
          kind: err instanceof ThermometryError ? err.kind : 'unknown',
        };
        report.notApplied.push(...steps.slice(i + 1).map((s) => s.change));
        return report;
      }
      ids = idsOf(target);
      steps = [step, ...plan.steps];
      report.changes = [step.change, ...plan.changes];
    }
  }
  return report;
}
