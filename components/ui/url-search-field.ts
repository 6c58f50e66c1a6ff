"use client";
// A search box whose text lives in the URL (`?search=`): typing commits after a pause, and when
// the URL changes another way (Back, a cleared filter, a link) the box follows it.
import { useEffect, useRef, useState } from "react";

const SEARCH_PAUSE_MS = 300;

/** The box's text and its setter; `commit(trimmed)` is called once typing pauses. */
export function useUrlSearchField(
  urlValue: string,
  commit: (value: string) => void,
): [string, (text: string) => void] {
  const [text, setText] = useState(urlValue);
  // The URL changed by another way: the field follows it, during render.
  const [seen, setSeen] = useState(urlValue);
  if (seen !== urlValue) {
    setSeen(urlValue);
    if (text.trim() !== urlValue) setText(urlValue);
  }
  const latest = useRef(commit);
  useEffect(() => {
    latest.current = commit;
  });
  useEffect(() => {
    if (text.trim() === urlValue) return;
    const t = setTimeout(() => latest.current(text.trim()), SEARCH_PAUSE_MS);
    return () => clearTimeout(t);
  }, [text, urlValue]);
  return [text, setText];
}
