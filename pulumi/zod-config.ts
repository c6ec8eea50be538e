/**
 * zod's configuration for the door, set before any of its schemas is built: no compiled parsers.
 * zod compiles a parser (`new Function`) for an object schema on its first parse; that pays off over
 * many parses in a long-lived process, and costs a provider host — which validates each schema a
 * few times and exits — more than it saves. Validation and its messages are the same either way.
 */
import * as z from "zod";

z.config({ jitless: true });
