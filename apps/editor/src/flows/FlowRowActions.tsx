import type { FlowSummary } from '@callflow/contract';
import { Copy, Download, Pencil, TextCursorInput, Trash2 } from 'lucide-react';
import { Link } from 'wouter';
import { flowsApi } from '../api/flowsApi.ts';
import { IconButton, type IconButtonProps } from '../shell/IconButton.tsx';

/** The smaller buttons of a row: icons named for screen readers by the flow's name, with a tooltip. */
const rowAction: Pick<IconButtonProps, 'iconOnly' | 'variant' | 'small'> = {
  iconOnly: true,
  variant: 'ghost',
  small: true,
};

/**
 * What can be done with a flow, each saying what it does: "Edit flow" opens it on the canvas, "Rename"
 * changes its name only; duplicate, export and delete are icons with tooltips.
 */
export function FlowRowActions({
  flow,
  editable,
  onRename,
  onDuplicate,
  onDelete,
}: {
  flow: FlowSummary;
  editable: boolean;
  onRename: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
}) {
  return (
    <>
      <Link
        href={`/flows/${flow.id}`}
        className="button button--small"
        aria-label={`${editable ? 'Edit' : 'Open'} flow ${flow.name}`}
      >
        <Pencil size={14} aria-hidden="true" />
        {editable ? 'Edit flow' : 'Open'}
      </Link>
      {editable && (
        <IconButton
          icon={TextCursorInput}
          label="Rename"
          variant="ghost"
          small
          title={`Rename “${flow.name}”`}
          onClick={onRename}
        />
      )}
      {editable && (
        <IconButton
          icon={Copy}
          label={`Duplicate ${flow.name}`}
          {...rowAction}
          title="Duplicate: make a copy of this flow"
          onClick={onDuplicate}
        />
      )}
      <a
        className="button button--ghost button--small"
        href={flowsApi.exportUrl(flow.id)}
        download
        aria-label={`Export ${flow.name}`}
        title="Export as a file (to import elsewhere or keep as a backup)"
      >
        <Download size={14} aria-hidden="true" />
      </a>
      {editable && (
        <IconButton
          icon={Trash2}
          label={`Delete ${flow.name}`}
          {...rowAction}
          danger
          title="Delete this flow"
          onClick={onDelete}
        />
      )}
    </>
  );
}
