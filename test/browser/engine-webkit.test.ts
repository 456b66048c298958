/** The core scenarios and the QA demo on webkit (test/support/core-scenarios.ts), desktop and phone-sized. */
import { coreScenarios } from '../support/core-scenarios'

coreScenarios('webkit')
