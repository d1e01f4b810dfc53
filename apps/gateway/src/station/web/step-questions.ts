import type { PartName, TransportMode } from '../../../../../libs/contracts/src/device-category';
import type { BenchDevice } from '../bench-device';
import { partsFor, StationStep, StationStepType } from '../station-step';

/** One question of a step form; choices are picked with their number key (1-based). */
export type Question =
  | { kind: 'choice'; key: string; options: string[] }
  | { kind: 'multi'; key: string; options: string[] }
  | { kind: 'text'; key: string; numeric: boolean }
  | { kind: 'confirm' };

export type Answers = Record<string, string | string[]>;

const TRANSPORT = ['none', 'road', 'rail', 'sea', 'air'];

/** The next question of the step, or `confirm` once everything it needs is answered. */
export function nextQuestion(type: StationStepType, answers: Answers, device: BenchDevice): Question {
  switch (type) {
    case 'device.diagnosed':
      if (answers.outcome === undefined)
        return { kind: 'choice', key: 'outcome', options: ['refurbishable', 'recycle'] };
      if (answers.transport === undefined) return { kind: 'choice', key: 'transport', options: TRANSPORT };
      if (answers.transport !== 'none' && answers.distance === undefined) {
        return { kind: 'text', key: 'distance', numeric: true };
      }
      return { kind: 'confirm' };
    case 'device.repaired':
      if (answers.parts === undefined)
        return { kind: 'multi', key: 'parts', options: [...partsFor(device.category)] };
      return { kind: 'confirm' };
    case 'device.refurbished':
      if (answers.grade === undefined) return { kind: 'choice', key: 'grade', options: ['A', 'B', 'C'] };
      if (answers.certificate === undefined) return { kind: 'text', key: 'certificate', numeric: false };
      return { kind: 'confirm' };
    case 'device.recycled':
      return { kind: 'confirm' };
  }
}

/** The step the answers describe (only called once nextQuestion says `confirm`). */
export function stepFrom(type: StationStepType, answers: Answers): StationStep {
  const text = (key: string) => String(answers[key]);
  switch (type) {
    case 'device.diagnosed': {
      const outcome = text('outcome') as 'refurbishable' | 'recycle';
      const mode = text('transport');
      return mode === 'none'
        ? { type, outcome }
        : { type, outcome, transport: { mode: mode as TransportMode, distanceKm: Number(text('distance')) } };
    }
    case 'device.repaired':
      return { type, partsReplaced: answers.parts as PartName[] };
    case 'device.refurbished':
      return {
        type,
        grade: text('grade') as 'A' | 'B' | 'C',
        erasureCertificateId: text('certificate').trim(),
      };
    case 'device.recycled':
      return { type };
  }
}
