// One simulated conversation and its judgment: the simulated user (a persona with a scenario's
// goal) opens, the agent (a variant as its system prompt) answers, until the user says the goal
// is met or gives up, or the turn limit; then the judge scores the transcript 0–100 on task
// completion, quality and sentiment, seeing neither the variant's name nor which is the control.
import type { Persona } from "@/lib/db/types";
import type { LlmClient } from "@/lib/llm/client";
import type { ChatMessage } from "@/lib/llm/types";
import { judgmentOutput, userTurnOutput, type UserStatus } from "./outputs";
import { render } from "./templates";
import { storable, storableText } from "./storable";

export class EngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EngineError";
  }
}

/** What a conversation needs: the provider's client, the run's signal, the judge's rubric. */
export interface ConversationDeps {
  client: LlmClient;
  signal: AbortSignal;
  /** Optional judge rubric (an agent draft's evaluator). */
  rubric?: string | null;
}

export const list = (xs: unknown) =>
  Array.isArray(xs) && xs.length ? xs.join("; ") : "none given";

export function checkAbort(signal: AbortSignal) {
  if (signal.aborted)
    throw signal.reason instanceof Error
      ? signal.reason
      : new EngineError("The run was interrupted");
}

export interface PlannedScenario {
  key: string;
  title: string;
  goal: string;
  context: string;
  held_out: boolean;
}
type Turn = { role: "user" | "assistant"; content: string };

/** The simulated user's instructions: the persona, the scenario, and to open the conversation. */
const simulatedUser = (persona: Persona, scenario: PlannedScenario) =>
  render("simulated-user", {
    persona_name: persona.name,
    persona_description: persona.description || "",
    persona_goals: list(persona.goals),
    persona_traits: list(persona.traits),
    persona_difficulty: persona.difficulty,
    scenario_title: scenario.title,
    scenario_goal: scenario.goal,
    scenario_context: scenario.context || "nothing in particular",
    instruction: "Start the conversation: write your first message to the agent.",
  }).messages;

/** One simulated conversation: the user opens, the agent answers, until goal met, abandoned or max turns. */
export async function converse(
  agentPrompt: string,
  persona: Persona,
  scenario: PlannedScenario,
  maxTurns: number,
  deps: ConversationDeps,
): Promise<{ transcript: Turn[]; ending: string }> {
  const { client, signal } = deps;
  const userView: ChatMessage[] = [...simulatedUser(persona, scenario)];
  const transcript: Turn[] = [];
  for (let turn = 0; turn < maxTurns; turn++) {
    checkAbort(signal);
    const u = storable(
      await client.json({
        role: "user",
        messages: userView,
        temperature: 0.7,
        signal,
        ...userTurnOutput,
      }),
    );
    const status: UserStatus = turn === 0 ? "continue" : u.status;
    transcript.push({ role: "user", content: u.message });
    if (status !== "continue")
      return {
        transcript,
        ending:
          status === "goal_met" ? "the user's goal was met" : "the user abandoned the conversation",
      };
    const a = await client.chat({
      role: "agent",
      messages: [{ role: "system", content: agentPrompt }, ...transcript],
      temperature: 0.7,
      signal,
    });
    const answer = storableText(a.content);
    transcript.push({ role: "assistant", content: answer });
    userView.push(
      { role: "assistant", content: JSON.stringify({ message: u.message, status }) },
      {
        role: "user",
        content: `The agent answered:\n${answer}\n\nWrite your next message, as JSON.`,
      },
    );
  }
  return {
    transcript,
    ending: `the turn limit (${maxTurns}) was reached without the user saying their goal was met`,
  };
}

export async function judge(
  persona: Persona,
  scenario: PlannedScenario,
  transcript: Turn[],
  ending: string,
  deps: ConversationDeps,
) {
  const { messages } = render("judge", {
    rubric: deps.rubric?.trim()
      ? `\nThe team's own rubric for this agent, to apply as well:\n${deps.rubric.trim()}\n`
      : "",
    persona_name: persona.name,
    persona_description: persona.description || "(no description)",
    scenario_goal: scenario.goal,
    ending,
    transcript: transcript
      .map((t) => `${t.role === "user" ? "User" : "Agent"}: ${t.content}`)
      .join("\n\n"),
  });
  const out = storable(
    await deps.client.json({
      role: "judge",
      messages,
      temperature: 0,
      signal: deps.signal,
      ...judgmentOutput,
    }),
  );
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    scores: {
      task_completion: r(out.task_completion),
      quality: r(out.quality),
      sentiment: r(out.sentiment),
    },
    note: out.rationale,
  };
}
