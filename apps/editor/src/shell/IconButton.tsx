import type { LucideIcon } from 'lucide-react';
import type { ComponentProps } from 'react';

type ButtonProps = Omit<ComponentProps<'button'>, 'type' | 'className' | 'children' | 'aria-label'>;

export interface IconButtonProps extends ButtonProps {
  readonly icon: LucideIcon;
  /** Names the button: written beside the icon, or with `iconOnly` given to screen readers alone. */
  readonly label: string;
  readonly iconOnly?: boolean;
  readonly variant?: 'plain' | 'primary' | 'ghost';
  readonly small?: boolean;
  readonly danger?: boolean;
}

/** A button with an icon, always named, so even an icon-only one can be found and read out. */
export function IconButton({
  icon: Icon,
  label,
  iconOnly = false,
  variant = 'plain',
  small = false,
  danger = false,
  title,
  ...button
}: IconButtonProps) {
  const className = [
    'button',
    variant === 'plain' ? undefined : `button--${variant}`,
    small ? 'button--small' : undefined,
    danger ? 'button--danger' : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(' ');
  return (
    <button
      {...button}
      type="button"
      className={className}
      aria-label={iconOnly ? label : undefined}
      // Sighted mouse users get the name of an icon-only button as a tooltip.
      title={title ?? (iconOnly ? label : undefined)}
    >
      <Icon size={14} aria-hidden="true" />
      {!iconOnly && label}
    </button>
  );
}
