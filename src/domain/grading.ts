/**
 * Intelligence grading. Two schemes live side by side and are never converted into each other:
 * 3x5x2 (current) and 5x5x5 (legacy); partner information is often ungraded.
 */

export const SOURCE_3X5X2 = ['1', '2', '3'] as const;
export const INTEL_3X5X2 = ['A', 'B', 'C', 'D', 'E'] as const;
export const HANDLING_3X5X2 = ['P', 'C'] as const;
export const SOURCE_5X5X5 = ['A', 'B', 'C', 'D', 'E'] as const;
export const INTEL_5X5X5 = ['1', '2', '3', '4', '5'] as const;
export const HANDLING_5X5X5 = ['1', '2', '3', '4', '5'] as const;

export type Source3x5x2 = (typeof SOURCE_3X5X2)[number];
export type Intel3x5x2 = (typeof INTEL_3X5X2)[number];
export type Handling3x5x2 = (typeof HANDLING_3X5X2)[number];

export interface Grading3x5x2 {
  scheme: '3x5x2';
  source: Source3x5x2;
  intelligence: Intel3x5x2;
  handling: Handling3x5x2;
  /** Conditions text for handling C, e.g. "A2 S2: not to be sanitised without originator". */
  conditions?: string;
  /** Action codes A1-A3 and sanitisation S1-S2 that accompany handling C. */
  actionCode?: 'A1' | 'A2' | 'A3';
  sanitisation?: 'S1' | 'S2';
}

export interface Grading5x5x5 {
  scheme: '5x5x5';
  source: (typeof SOURCE_5X5X5)[number];
  intelligence: (typeof INTEL_5X5X5)[number];
  handling: (typeof HANDLING_5X5X5)[number];
}

export interface Ungraded {
  scheme: 'ungraded';
}

export type Grading = Grading3x5x2 | Grading5x5x5 | Ungraded;

export const SOURCE_MEANING_3X5X2: Record<Source3x5x2, string> = {
  '1': 'Reliable',
  '2': 'Untested',
  '3': 'Not reliable',
};
export const INTEL_MEANING_3X5X2: Record<Intel3x5x2, string> = {
  A: 'Known directly to the source',
  B: 'Known indirectly to the source but corroborated',
  C: 'Known indirectly to the source',
  D: 'Not known',
  E: 'Suspected to be false',
};
export const HANDLING_MEANING_3X5X2: Record<Handling3x5x2, string> = {
  P: 'Lawful sharing permitted',
  C: 'Lawful sharing permitted with conditions',
};

/** Short code as analysts write it: "1A P", "B2 4", "ungraded". */
export function gradingCode(g: Grading): string {
  switch (g.scheme) {
    case '3x5x2': {
      const extra = [g.actionCode, g.sanitisation].filter(Boolean).join(' ');
      return `${g.source}${g.intelligence} ${g.handling}${extra ? ` (${extra})` : ''}`;
    }
    case '5x5x5':
      return `${g.source}${g.intelligence} ${g.handling}`;
    case 'ungraded':
      return 'Ungraded';
  }
}

/** A coarse strength used by the chart's line style and filters: A/B strong, C/D medium, E or ungraded weak. */
export type GradeStrength = 'strong' | 'medium' | 'weak';

export function gradeStrength(g: Grading): GradeStrength {
  switch (g.scheme) {
    case '3x5x2':
      return g.intelligence === 'A' || g.intelligence === 'B' ? 'strong' : g.intelligence === 'E' ? 'weak' : 'medium';
    case '5x5x5':
      return g.intelligence === '1' || g.intelligence === '2' ? 'strong' : g.intelligence === '5' ? 'weak' : 'medium';
    case 'ungraded':
      return 'weak';
  }
}

/** True when the item may not go beyond the originator without their approval (domain.md, export rules). */
export function needsOriginatorApproval(g: Grading): boolean {
  if (g.scheme === '3x5x2') return g.handling === 'C' && g.sanitisation === 'S2';
  if (g.scheme === '5x5x5') return g.handling === '4' || g.handling === '5';
  return false;
}

/** Validates a grading, returning plain-words problems (empty when valid). */
export function validateGrading(g: Grading): string[] {
  const problems: string[] = [];
  if (g.scheme === '3x5x2') {
    if (!SOURCE_3X5X2.includes(g.source)) problems.push('Source evaluation must be 1, 2 or 3.');
    if (!INTEL_3X5X2.includes(g.intelligence)) problems.push('Intelligence assessment must be A, B, C, D or E.');
    if (!HANDLING_3X5X2.includes(g.handling)) problems.push('Handling code must be P or C.');
    if (g.handling === 'P' && (g.conditions || g.actionCode || g.sanitisation))
      problems.push('Handling conditions only apply to handling code C.');
  } else if (g.scheme === '5x5x5') {
    if (!SOURCE_5X5X5.includes(g.source)) problems.push('5x5x5 source evaluation must be A to E.');
    if (!INTEL_5X5X5.includes(g.intelligence)) problems.push('5x5x5 intelligence evaluation must be 1 to 5.');
    if (!HANDLING_5X5X5.includes(g.handling)) problems.push('5x5x5 handling code must be 1 to 5.');
  }
  return problems;
}
