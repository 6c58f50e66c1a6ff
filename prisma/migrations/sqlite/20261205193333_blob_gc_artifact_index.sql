-- CreateIndex
CREATE INDEX "CapabilityVersion_artifactSha256_idx" ON "CapabilityVersion"("artifactSha256");

