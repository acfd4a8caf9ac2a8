-- DropIndex
DROP INDEX "Call_callerNumber_idx";

-- DropIndex
DROP INDEX "Call_startedAt_idx";

-- CreateIndex
CREATE INDEX "Call_startedAt_id_idx" ON "Call"("startedAt", "id");

-- CreateIndex
CREATE INDEX "Call_endedAt_idx" ON "Call"("endedAt");

-- CreateIndex
CREATE INDEX "Call_callerNumber_startedAt_idx" ON "Call"("callerNumber", "startedAt");

-- CreateIndex
CREATE INDEX "RuntimeEvent_level_at_idx" ON "RuntimeEvent"("level", "at");

-- CreateIndex
CREATE INDEX "RuntimeEvent_type_at_idx" ON "RuntimeEvent"("type", "at");

-- CreateIndex
CREATE INDEX "RuntimeEvent_extension_at_idx" ON "RuntimeEvent"("extension", "at");
