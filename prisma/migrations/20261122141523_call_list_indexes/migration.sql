-- CreateIndex
CREATE INDEX "Call_flowVersionId_startedAt_idx" ON "Call"("flowVersionId", "startedAt");

-- CreateIndex
CREATE INDEX "Call_outcome_startedAt_idx" ON "Call"("outcome", "startedAt");
