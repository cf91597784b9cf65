-- Argo CD health check for policymatch.dev/PolicyMatchReport.
-- Healthy: Ready=True and Valid=True. Degraded: Valid=False (the endpoint is invalid; the message
-- names the violations). Progressing: anything else (not written yet, or not caught up).
-- A report cut to its size budget (Truncated=True) is current and its counts exact: still Healthy,
-- with the Truncated message, since nothing is wrong with the endpoint or the operator.
local hs = {}
local function condition(type)
  if obj.status ~= nil and obj.status.conditions ~= nil then
    for _, c in ipairs(obj.status.conditions) do
      if c.type == type then
        return c
      end
    end
  end
  return nil
end

local valid = condition("Valid")
local ready = condition("Ready")
local truncated = condition("Truncated")

if valid ~= nil and valid.status == "False" then
  hs.status = "Degraded"
  hs.message = valid.message or "The endpoint is invalid"
  return hs
end
if obj.metadata ~= nil and obj.metadata.generation ~= nil and obj.status ~= nil
    and obj.status.observedGeneration ~= nil and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to catch up with the latest change"
  return hs
end
if ready ~= nil and ready.status == "True" and valid ~= nil and valid.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or "Report is up to date"
  if truncated ~= nil and truncated.status == "True" then
    hs.message = hs.message .. "; truncated: " .. (truncated.message or "some lists were cut")
  end
  return hs
end
hs.status = "Progressing"
hs.message = "Waiting for the report to be written"
return hs
