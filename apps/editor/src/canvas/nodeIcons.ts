import type { NodeIconName } from '@callflow/flow';
import {
  Clock,
  GitBranch,
  Globe,
  Hash,
  Languages,
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

/**
 * The lucide components for the icon names node kinds carry (`icon` in their definition), shown in the
 * palette and on the canvas. Keyed by name, not by kind: a new kind with an icon already here needs no
 * editor change; one with a new name fails to compile until it is added (and an unused name fails too).
 */
export const nodeIcons = {
  'phone-incoming': PhoneIncoming,
  phone: Phone,
  'volume-2': Volume2,
  mic: Mic,
  'list-ordered': ListOrdered,
  hash: Hash,
  users: Users,
  'phone-outgoing': PhoneOutgoing,
  lightbulb: Lightbulb,
  globe: Globe,
  variable: Variable,
  'git-branch': GitBranch,
  clock: Clock,
  'phone-off': PhoneOff,
  languages: Languages,
} satisfies Record<NodeIconName, LucideIcon>;
