import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import type { FlowCanvasNode } from './FlowNodeCard.tsx';
import { nodeSize } from './nodeSize.ts';
import { type FlowRect, readableViewport } from './readableViewport.ts';

/**
 * Fit view that keeps text readable: the whole flow when it fits at READABLE_ZOOM (60 %) or more, else
 * its start at that zoom and the rest a scroll away (React Flow's own fit view would shrink a big flow to 6 px text).
 * Returns false when there is nothing to fit yet (the canvas or its nodes not there).
 */
export function useReadableFit(): (options?: { duration?: number }) => boolean {
  const { setViewport } = useReactFlow<FlowCanvasNode>();
  const store = useStoreApi<FlowCanvasNode>();
  return useCallback(
    (options) => {
      const { width, height, nodes } = store.getState();
      if (width === 0 || height === 0 || nodes.length === 0) return false;
      // Measured sizes where the canvas drew the card; estimates for cards not drawn (large flows).
      const rects: (FlowRect & { start: boolean })[] = nodes.map((node) => {
        const estimate = nodeSize(node.data.ports.length);
        return {
          x: node.position.x,
          y: node.position.y,
          width: node.measured?.width ?? estimate.width,
          height: node.measured?.height ?? estimate.height,
          start: node.data.kind === 'start',
        };
      });
      const left = Math.min(...rects.map((rect) => rect.x));
      const top = Math.min(...rects.map((rect) => rect.y));
      const right = Math.max(...rects.map((rect) => rect.x + rect.width));
      const bottom = Math.max(...rects.map((rect) => rect.y + rect.height));
      const bounds = { x: left, y: top, width: right - left, height: bottom - top };
      const focus = rects.find((rect) => rect.start) ?? null;
      void setViewport(readableViewport(bounds, { width, height }, focus), { duration: options?.duration });
      return true;
    },
    [setViewport, store],
  );
}
