// `postmortem/timeline`: the data the preview renders, for any open document the client asks about.
import { z } from 'zod';
import { buildTimeline, type TimelineData } from '../core';
import type { Services } from './documents';

const Params = z.object({ uri: z.string() });

export async function provideTimeline(services: Services, params: unknown): Promise<TimelineData | null> {
  const parsed = Params.safeParse(params);
  if (!parsed.success) return null;
  const document = services.documents.get(parsed.data.uri);
  if (!document) return null;
  const settings = await services.settings.resolveSettings(document.uri);
  return buildTimeline(document.getText(), services.analyzer.options(settings));
}
