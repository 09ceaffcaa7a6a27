/**
 * The core of every pulse round. The three dimensions are those of the DevEx
 * framework (Noda, Storey, Forsgren, Greiler, 2023): feedback loops, cognitive
 * load and flow state. Every 1–5 item is worded so that agreeing is the good
 * answer, so a higher score is always better.
 */
export const DIMENSIONS = [
  { key: "feedback_loops", label: "Feedback loops", about: "Waiting on builds, tests, reviews and deployments" },
  { key: "cognitive_load", label: "Cognitive load", about: "Finding information and understanding the systems" },
  { key: "flow_state", label: "Flow state", about: "Uninterrupted time and a reasonable meeting load" },
  { key: "satisfaction", label: "Satisfaction", about: "Overall satisfaction with the platform" },
] as const;

export type DimensionKey = (typeof DIMENSIONS)[number]["key"];

export type SurveyItem = { key: string; prompt: string; dimension: DimensionKey | "recommend" | null; scaleMax: 5 | 10 };

export const RECOMMEND_KEY = "recommend";

export const CORE_ITEMS: readonly SurveyItem[] = [
  { key: "build_test_wait", prompt: "I rarely wait on builds and tests.", dimension: "feedback_loops", scaleMax: 5 },
  { key: "review_wait", prompt: "Code reviews of my changes come back quickly.", dimension: "feedback_loops", scaleMax: 5 },
  { key: "deploy_wait", prompt: "Getting a change to production is quick and predictable.", dimension: "feedback_loops", scaleMax: 5 },
  { key: "find_information", prompt: "I can find the information I need (docs, owners, APIs) without asking around.", dimension: "cognitive_load", scaleMax: 5 },
  { key: "understand_systems", prompt: "The systems I work on are easy to understand and change.", dimension: "cognitive_load", scaleMax: 5 },
  { key: "focus_time", prompt: "I get enough uninterrupted time to focus.", dimension: "flow_state", scaleMax: 5 },
  { key: "meeting_load", prompt: "Meetings and interruptions leave me room for deep work.", dimension: "flow_state", scaleMax: 5 },
  { key: "platform_satisfaction", prompt: "Overall, I am satisfied with the platform and its self-service tools.", dimension: "satisfaction", scaleMax: 5 },
  { key: RECOMMEND_KEY, prompt: "How likely are you to recommend the platform to a colleague?", dimension: "recommend", scaleMax: 10 },
];

export const MAX_CUSTOM_ITEMS = 5;

/** Labels of the 1–5 agreement scale. */
export const AGREEMENT = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"] as const;

/** The values an item accepts: 1–5, or 0–10 for the recommendation. */
export const scaleValues = (scaleMax: number): number[] => (scaleMax === 10 ? Array.from({ length: 11 }, (_, i) => i) : [1, 2, 3, 4, 5]);

/** The default anonymity threshold, and the floor no round may go below. */
export const DEFAULT_MIN_RESPONSES = 5;
export const MIN_RESPONSES_FLOOR = 3;
