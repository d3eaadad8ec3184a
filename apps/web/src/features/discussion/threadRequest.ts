/** A thread someone chose in the text, for the panel to show (and focus, by keyboard). */
export interface ThreadRequest {
  threadId: string;
  focus: boolean;
}
