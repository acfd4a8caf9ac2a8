import type { NodeKind } from '@callflow/flow';
import {
  Clock,
  GitBranch,
  Globe,
  Hash,
  Lightbulb,
  ListOrdered,
  type LucideIcon,
  Mic,
  Phone,
  PhoneIncoming,
  PhoneOff,
  PhoneOutgoing,
  Users,
  Variable,
  Volume2,
} from 'lucide-react';

/** The picture of each node kind in the palette and on the canvas; a new kind without one fails to compile. */
export const nodeKindIcons = {
  start: PhoneIncoming,
  answer: Phone,
  play: Volume2,
  record: Mic,
  menu: ListOrdered,
  collectDigits: Hash,
  bridge: Users,
  dial: PhoneOutgoing,
  setDeviceState: Lightbulb,
  httpLookup: Globe,
  setVariable: Variable,
  condition: GitBranch,
  timeOfDay: Clock,
  hangup: PhoneOff,
} satisfies Record<NodeKind, LucideIcon>;
