-- wrk script: each request is the next line of a request list (paths), so a
-- run cycles through the generated query set (and, for the load test, suggest
-- and entry requests). usage: wrk ... -s wrk_requests.lua URL -- PATHS_FILE
local paths = {}
local index = 0

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  file:close()
  -- Threads start at different places in the list.
  index = math.random(#paths)
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
